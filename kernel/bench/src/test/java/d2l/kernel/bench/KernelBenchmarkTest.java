package d2l.kernel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelBenchmarkTest {
    @Test
    void percentilesInterpolateBetweenSortedSamples() {
        double[] samples = {9, 1, 5, 3, 7};
        assertEquals(5, KernelBenchmark.median(samples));
        assertEquals(8.2, KernelBenchmark.percentile(samples, 0.9), 1e-9);
        assertEquals(2.5, KernelBenchmark.median(new double[] {3, 2}), 1e-9);
    }

    @Test
    void rapaioIsLaunchedTheWayItsInstallerWritesKernelJson() {
        var spec = KernelBenchmark.rapaio(Path.of("/m2/rapaio-jupyter-kernel-3.0.1.jar"));
        assertEquals(
                List.of("-jar", "/m2/rapaio-jupyter-kernel-3.0.1.jar", "{connection_file}"),
                spec.argv().subList(1, 4));
        assertTrue(spec.argv().get(0).endsWith("/bin/java"));
    }
}
