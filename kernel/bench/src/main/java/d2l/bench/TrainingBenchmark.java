package d2l.bench;

import d2l.data.Sampling;
import d2l.data.TimeMachineData;
import d2l.engine.BlasCore;
import d2l.engine.FastRnn;
import d2l.engine.Threads;
import d2l.rnn.Dl4jLanguageModel;
import d2l.rnn.RecurrentModel;
import d2l.rnn.RnnModel;
import d2l.rnn.RnnScratch;
import d2l.train.Trainer;
import d2l.train.TrainingListener;
import d2l.train.TrainingResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Trains the chapter's models in the chapter's configuration (first 10,000 characters, batch 32,
 * 35 steps, sequential partitioning, lr 1, clipping at 1) and prints tokens/second, milliseconds
 * per minibatch, final perplexity and peak heap; then runs the PyTorch peer
 * ({@code shared/bench/torch_rnn.py}) on the same data, if Debian's python3 has torch, and prints
 * the ratios ours / PyTorch. The models:
 * <ul>
 * <li>{@code reader}: the reader's {@link RnnScratch} (plain ND4J, one thread), 512 hidden units,
 * beside PyTorch's scratch model;
 * <li>{@code scratch}: the engine's {@link FastRnn}, the same model made fast, 512 hidden units;
 * <li>{@code concise}: {@link RnnModel}, the recurrent and dense layers, 256 hidden units, beside
 * PyTorch's {@code nn.RNN} + {@code nn.Linear};
 * <li>{@code dl4j}: the concise model's Deeplearning4j counterpart ({@link #benchmarkDl4j}).
 * </ul>
 *
 * <p>Usage: {@code TrainingBenchmark [epochs=500] [models=reader,scratch,concise] [sharedDir]}, models
 * a comma-separated list of the names above ({@code both} stands for scratch,concise and {@code all}
 * for all four). The data directory comes from {@code D2L_DATA}; the shared directory from the
 * argument, {@code D2L_SHARED}, or a {@code shared/} folder next to the project. Run with
 * {@code OMP_NUM_THREADS=1}.
 *
 * <p>FastRnn and RnnModel split each minibatch over {@code -Dbench.threads=N} threads (default
 * {@code auto}: the library's {@link Threads#available()}); the reader's model runs on one. Each
 * model is also trained in a second JVM under the kernels' JIT settings ({@link KernelJit}), the
 * speed a notebook gets, unless {@code -Dbench.kernelJit=false} or this JVM already runs them; both
 * are compared with the same PyTorch run.
 */
public final class TrainingBenchmark {

    static final int BATCH = 32, STEPS = 35, MAX_TOKENS = 10_000;
    static final double LR = 1.0;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One benchmarked model: its name, the PyTorch script's mode it is compared with, hidden size, factory. */
    record Config(String name, String peerMode, int hidden, boolean oneThread, IntFunction<RecurrentModel> model) {}

    static final List<Config> MODELS = List.of(
            new Config("reader", "scratch", 512, true, v -> new RnnScratch(v, 512, 0)),
            new Config("scratch", "scratch", 512, false, v -> new FastRnn(v, 512, 0)),
            new Config("concise", "concise", 256, false, v -> new RnnModel(v, 256, 0)));

    /** The model names in a comma-separated list, with both = scratch,concise and all = every model and dl4j. */
    static List<String> names(String list) {
        var names = new ArrayList<String>();
        for (String name : list.split(",")) {
            switch (name.strip()) {
                case "both" -> names.addAll(List.of("scratch", "concise"));
                case "all" -> names.addAll(List.of("reader", "scratch", "concise", "dl4j"));
                case "reader", "scratch", "concise", "dl4j" -> names.add(name.strip());
                default ->
                    throw new IllegalArgumentException("unknown model '" + name.strip()
                            + "'; choose from reader, scratch, concise, dl4j, both, all");
            }
        }
        return names;
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<String> names = names(args.length > 1 ? args[1] : "reader,scratch,concise");
        String threadsOption = System.getProperty("bench.threads", "auto");
        int threads = threadsOption.equals("auto") ? Threads.available() : Integer.parseInt(threadsOption);
        boolean kernelJit =
                Boolean.parseBoolean(System.getProperty("bench.kernelJit", "true")) && !KernelJit.isThisJvm();
        boolean peerWanted = Boolean.parseBoolean(System.getProperty("bench.peer", "true"));
        Optional<Path> shared =
                peerWanted ? PeerBaseline.locateShared(args.length > 2 ? args[2] : null) : Optional.empty();
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            System.out.println(
                    "warning: OMP_NUM_THREADS is not 1; ND4J is much slower with two threads on this machine");
        }
        BlasCore.adviseOnce(System.out);
        System.out.println("OpenBLAS: " + BlasCore.describe());
        if (names.contains("dl4j")) benchmarkDl4j(epochs);

        System.out.printf(
                Locale.ROOT,
                "config: %d tokens, batch %d, %d steps, lr %.1f, theta 1, sequential, %d epochs, "
                        + "%d threads of %d cores%n",
                MAX_TOKENS,
                BATCH,
                STEPS,
                LR,
                epochs,
                threads,
                Runtime.getRuntime().availableProcessors());
        Map<String, Optional<PeerBaseline.Result>> peers = new HashMap<>(); // one PyTorch run per mode
        for (Config config : MODELS) {
            if (!names.contains(config.name())) continue;
            int modelThreads = config.oneThread() ? 1 : threads;
            var data = TimeMachineData.load(BATCH, STEPS, Sampling.SEQUENTIAL, MAX_TOKENS);
            RecurrentModel model = config.model().apply(data.vocab().size()).threads(modelThreads);
            Trainer.train(model, data.loader(), LR, 2, TrainingListener.NONE); // JIT and native warm-up
            model = config.model().apply(data.vocab().size()).threads(modelThreads);
            resetPeaks();
            double load = OS.getSystemLoadAverage();
            long cpuStart = OS.getProcessCpuTime();
            TrainingResult ours = Trainer.train(model, data.loader(), LR, epochs, TrainingListener.NONE);
            double cpuMs = (OS.getProcessCpuTime() - cpuStart) / 1e6 / ours.minibatches();
            System.out.printf(
                    Locale.ROOT,
                    "ours    %-7s H=%d, %d threads, JIT %s: perplexity %.3f, %.0f tokens/s, %.2f ms/minibatch "
                            + "(%.2f ms CPU, all threads), %.1f s, peak heap %.0f MB, load average %.1f%n",
                    config.name(),
                    config.hidden(),
                    modelThreads,
                    KernelJit.isThisJvm() ? "C1 (kernels')" : "C2",
                    ours.perplexity(),
                    ours.tokensPerSecond(),
                    ours.msPerMinibatch(),
                    cpuMs,
                    ours.seconds(),
                    peakHeapBytes() / 1e6,
                    load);
            Optional<Double> c1 =
                    kernelJit ? KernelJit.tokensPerSecond(config.name(), epochs, threads) : Optional.empty();
            var peer = peers.computeIfAbsent(
                    config.peerMode(),
                    mode -> shared.flatMap(dir -> PeerBaseline.run(dir, dataFile(dir), mode, epochs)));
            if (peer.isPresent()) {
                var p = peer.get();
                System.out.printf(
                        Locale.ROOT,
                        "pytorch %-7s H=%d: perplexity %.3f, %.0f tokens/s, %.1f s, load average %.1f%n",
                        config.peerMode(),
                        config.hidden(),
                        p.perplexity(),
                        p.tokensPerSecond(),
                        p.seconds(),
                        OS.getSystemLoadAverage());
                System.out.printf(
                        Locale.ROOT,
                        "ratio   %-7s ours/pytorch tokens/s: %.2fx (JIT %s)%s%n",
                        config.name(),
                        ours.tokensPerSecond() / p.tokensPerSecond(),
                        KernelJit.isThisJvm() ? "C1, the kernels'" : "C2",
                        c1.map(t -> String.format(
                                        Locale.ROOT, ", %.2fx (JIT C1, the kernels')", t / p.tokensPerSecond()))
                                .orElse(""));
            }
        }
    }

    /**
     * Deeplearning4j's SimpleRnn + RnnOutputLayer (256 units, truncated BPTT over 35 steps, SGD lr 1,
     * per-layer clipping at 1) on the same data, with the state carried over and reset every minibatch.
     */
    static void benchmarkDl4j(int epochs) {
        for (var mode : Dl4jLanguageModel.StateMode.values()) {
            var data = TimeMachineData.load(BATCH, STEPS, Sampling.SEQUENTIAL, MAX_TOKENS, 5_000);
            int vocab = data.vocab().size();
            new Dl4jLanguageModel(Dl4jLanguageModel.network(vocab, 256, STEPS, LR, 1.0, 0), vocab)
                    .fit(data.loader(), mode, 2, TrainingListener.NONE); // warm-up
            var model = new Dl4jLanguageModel(Dl4jLanguageModel.network(vocab, 256, STEPS, LR, 1.0, 0), vocab)
                    .validateOn(data.validation(), epochs);
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            TrainingResult r = model.fit(data.loader(), mode, epochs, TrainingListener.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "dl4j    %-7s H=256: perplexity %.3f, validation %.3f, %.0f tokens/s, %.1f s, load average %.1f%n",
                    mode.name().toLowerCase(Locale.ROOT),
                    r.perplexity(),
                    r.validPerplexity(),
                    r.tokensPerSecond(),
                    r.seconds(),
                    load);
        }
    }

    private static Path dataFile(Path shared) {
        String dir = System.getenv("D2L_DATA");
        Path file = dir != null ? Path.of(dir, "timemachine.txt") : shared.resolve("data/timemachine.txt");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(
                    "cannot read " + file + "; set D2L_DATA to the folder with timemachine.txt");
        }
        return file;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peak usage since the last reset. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    private TrainingBenchmark() {}
}
