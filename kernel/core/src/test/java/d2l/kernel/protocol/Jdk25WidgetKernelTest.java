package d2l.kernel.protocol;

/** {@link WidgetKernelTest} on JDK 25, the other JDK the kernel runs on. */
class Jdk25WidgetKernelTest extends WidgetKernelTest {
    @Override
    String java() {
        return Jdk25KernelTest.jdk25();
    }
}
