package d2l.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of OpenBLAS's matrix-product kernels the models get. ND4J 1.0.0-M2.1 ships OpenBLAS 0.3.19,
 * which picks its kernels from a table of CPU models older than AMD's Zen 4 and Zen 5: those get
 * the AVX2 (Haswell) kernels although they run AVX-512, and every product is up to twice as slow
 * (on a Zen 5 core, 512 x 1120 x 512 in float32: 108 against 206 GFLOP/s; the chapter's scratch
 * RNN trains 2.5 times faster with the AVX-512 kernels).
 *
 * <p>OpenBLAS reads {@value #ENVIRONMENT} once, when the library loads, and a name it does not
 * know makes it choose by what the CPU and the operating system support instead of by the model:
 * Cooperlake (AVX-512 with bfloat16), SkylakeX (AVX-512), Haswell (AVX2), Sandybridge (AVX),
 * Prescott. That is always a kernel this CPU can run, so the chapter kernel's kernelspec, the
 * build's tests and the benchmark set {@value #ENVIRONMENT}={@value #BY_CPU_FEATURES}. Java cannot
 * set it for its own process, so a program of your own sets it in its environment.
 */
public final class BlasCore {

    /** The environment variable OpenBLAS reads to choose its kernels. */
    public static final String ENVIRONMENT = "OPENBLAS_CORETYPE";

    /** A value that is no core's name: OpenBLAS then chooses by the CPU's features. */
    public static final String BY_CPU_FEATURES = "by-cpu-features";

    private static final java.util.concurrent.atomic.AtomicBoolean advised =
            new java.util.concurrent.atomic.AtomicBoolean();

    private BlasCore() {}

    /**
     * The kernels OpenBLAS 0.3.19 chooses by features for a CPU with these {@code /proc/cpuinfo}
     * flags (what {@value #BY_CPU_FEATURES} gives).
     */
    static String byFeatures(Set<String> flags) {
        boolean avx512 = flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"));
        if (avx512 && flags.contains("avx512_bf16")) return "Cooperlake";
        if (avx512) return "SkylakeX";
        if (flags.containsAll(Set.of("avx2", "fma"))) return "Haswell";
        if (flags.contains("avx")) return "Sandybridge";
        return "Prescott";
    }

    /** The flags of this machine's first CPU, empty where there is no {@code /proc/cpuinfo}; read once per JVM. */
    static Set<String> cpuFlags() {
        return Cpu.FLAGS;
    }

    private static final class Cpu {
        static final Set<String> FLAGS = readFlags();
    }

    private static Set<String> readFlags() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> Arrays.stream(
                                    line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Set.of();
        }
    }

    /** The setting as a benchmark prints it, e.g. {@code OPENBLAS_CORETYPE=by-cpu-features (Cooperlake kernels)}. */
    public static String describe() {
        String setting = System.getenv(ENVIRONMENT);
        if (setting == null || setting.isBlank()) return ENVIRONMENT + " unset (OpenBLAS chooses by CPU model)";
        if (setting.equals(BY_CPU_FEATURES))
            return ENVIRONMENT + "=" + setting + " (" + byFeatures(cpuFlags()) + " kernels)";
        return ENVIRONMENT + "=" + setting;
    }

    /**
     * A note for a program that loads ND4J without {@value #ENVIRONMENT} on a CPU with AVX-512,
     * where OpenBLAS 0.3.19 may choose its AVX2 kernels; empty when the variable is set or the CPU
     * has no AVX-512.
     */
    public static Optional<String> advice() {
        return advice(System.getenv(ENVIRONMENT), cpuFlags());
    }

    /** Prints {@link #advice()} to {@code out}, at most once per JVM (the trainer calls it before training). */
    public static void adviseOnce(java.io.PrintStream out) {
        if (!advised.get()) adviseOnce(out, advice());
    }

    static boolean adviseOnce(java.io.PrintStream out, Optional<String> advice) {
        if (advice.isEmpty() || advised.getAndSet(true)) return false;
        out.println(advice.get());
        return true;
    }

    static Optional<String> advice(String setting, Set<String> flags) {
        if (setting != null && !setting.isBlank()) return Optional.empty();
        String best = byFeatures(flags);
        if (!best.equals("Cooperlake") && !best.equals("SkylakeX")) return Optional.empty();
        return Optional.of("note: " + ENVIRONMENT + " is not set, so OpenBLAS 0.3.19 may give this AVX-512 CPU its"
                + " AVX2 kernels (matrix products up to 2x slower); set " + ENVIRONMENT + "=" + BY_CPU_FEATURES
                + " in the environment to let it choose " + best + " by the CPU's features");
    }
}
