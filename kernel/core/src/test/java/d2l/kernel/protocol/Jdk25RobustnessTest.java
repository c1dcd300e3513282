package d2l.kernel.protocol;

/** {@link RobustnessChecks} on JDK 25: no SecurityManager, no {@code Thread.stop}. */
class Jdk25RobustnessTest extends RobustnessChecks {
    @Override
    String java() {
        return Jdk25KernelTest.jdk25();
    }
}
