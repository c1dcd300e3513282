package d2l.kernel.protocol;

import java.nio.file.Path;

/** {@link RobustnessChecks} on the JDK running the tests (17). */
class KernelRobustnessTest extends RobustnessChecks {
    @Override
    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
