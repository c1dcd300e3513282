package d2l.kernel.protocol;

/** {@link CommProtocolTest} on JDK 25, whose JShell waits for the threads a cell's group started. */
class Jdk25CommProtocolTest extends CommProtocolTest {
    @Override
    String java() {
        return Jdk25KernelTest.jdk25();
    }
}
