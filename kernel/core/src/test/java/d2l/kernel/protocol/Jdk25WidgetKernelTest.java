package d2l.kernel.protocol;

/** {@link WidgetKernelTest} on JDK 25, whose JShell waits for the threads a cell's group started. */
class Jdk25WidgetKernelTest extends WidgetKernelTest {
    @Override
    String java() {
        return Jdk25KernelTest.jdk25();
    }
}
