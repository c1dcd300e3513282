package d2l.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;

class BlasCoreTest {

    @Test
    void featuresNameTheKernelsOpenBlasFallsBackTo() {
        var avx512 = Set.of("avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd");
        var withBf16 = new java.util.HashSet<>(avx512);
        withBf16.add("avx512_bf16");
        assertEquals("Cooperlake", BlasCore.byFeatures(withBf16));
        assertEquals("SkylakeX", BlasCore.byFeatures(avx512));
        assertEquals("Haswell", BlasCore.byFeatures(Set.of("avx", "avx2", "fma", "avx512f"))); // AVX-512 in part only
        assertEquals("Sandybridge", BlasCore.byFeatures(Set.of("avx")));
        assertEquals("Prescott", BlasCore.byFeatures(Set.of()));
    }

    @Test
    void adviceOnlyWhenTheVariableIsUnsetOnAnAvx512Cpu() {
        var avx512 = Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd");
        var advice = BlasCore.advice(null, avx512);
        assertTrue(advice.isPresent());
        assertTrue(advice.get().contains("OPENBLAS_CORETYPE=by-cpu-features"), advice.get());
        assertTrue(advice.get().contains("SkylakeX"), advice.get());
        assertFalse(BlasCore.advice(BlasCore.BY_CPU_FEATURES, avx512).isPresent());
        assertFalse(BlasCore.advice(null, Set.of("avx2", "fma")).isPresent());
    }

    @Test
    void theAdviceIsPrintedOncePerJvm() {
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(bytes, true);
        assertFalse(BlasCore.adviseOnce(out, java.util.Optional.empty()));
        assertTrue(BlasCore.adviseOnce(out, java.util.Optional.of("note: one")));
        assertFalse(BlasCore.adviseOnce(out, java.util.Optional.of("note: two")));
        assertEquals("note: one" + System.lineSeparator(), bytes.toString());
    }

    /** Loads OpenBLAS in a child JVM, as the tests' and kernels' environment sets it, and reads the core it reports. */
    @Test
    void theBuildsSettingMakesOpenBlasChooseByThisCpusFeatures() throws Exception {
        assertEquals(
                BlasCore.BY_CPU_FEATURES,
                System.getenv(BlasCore.ENVIRONMENT),
                "the build runs its tests with OPENBLAS_CORETYPE=by-cpu-features (pom.xml)");
        var javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(java.util.List.of(
                javaCommand, "-cp", System.getProperty("java.class.path"), LoadOpenBlas.class.getName()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(BlasCore.ENVIRONMENT, BlasCore.BY_CPU_FEATURES);
        builder.environment().put("OPENBLAS_VERBOSE", "2"); // OpenBLAS then prints "Core: <name>"
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        var cores = output.lines()
                .filter(l -> l.startsWith("Core: "))
                .map(l -> l.substring(6).strip())
                .distinct()
                .toList();
        assertEquals(java.util.List.of(BlasCore.byFeatures(BlasCore.cpuFlags())), cores, output);
    }

    /** Child JVM: loads ND4J's OpenBLAS and runs one product. */
    public static final class LoadOpenBlas {
        public static void main(String[] args) {
            Loader.load(openblas_nolapack.class);
            float[] a = {1, 2, 3, 4}, c = new float[4];
            openblas_nolapack.cblas_sgemm(
                    openblas_nolapack.CblasRowMajor,
                    openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans,
                    2,
                    2,
                    2,
                    1f,
                    a,
                    2,
                    a,
                    2,
                    0f,
                    c,
                    2);
            if (c[0] != 7 || c[3] != 22) throw new AssertionError(java.util.Arrays.toString(c));
        }
    }
}
