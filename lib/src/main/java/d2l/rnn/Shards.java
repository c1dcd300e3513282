package d2l.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data parallelism for one minibatch: its sequences are cut into contiguous row ranges (shards), each
 * shard runs forward and backward on its own thread with its own buffers, and the shards' gradients
 * are summed once at the end. Shard 0 runs on the calling thread; shard i > 0 always runs on worker
 * thread i, so the work of one shard is never done by two threads at once.
 *
 * <p>The workers are daemon threads of the top-level thread group: JShell (and so a notebook
 * kernel) waits, after each cell, for the threads of that cell's group, and a worker born inside a
 * cell would make the cell hang.
 */
final class Shards {

    private static final List<ExecutorService> WORKERS = new ArrayList<>();
    private static final ThreadGroup TOP = topGroup();

    private Shards() {}

    /** Row ranges [from, to) of {@code rows} rows cut into {@code count} parts differing by at most one row. */
    static int[] bounds(int rows, int count) {
        int parts = Math.max(1, Math.min(rows, count));
        int[] bounds = new int[parts + 1];
        for (int i = 1; i <= parts; i++) bounds[i] = (int) ((long) rows * i / parts);
        return bounds;
    }

    /** Rows [from, to) of a batchSize x numSteps token array (the row arrays are shared, not copied). */
    static int[][] rows(int[][] tokens, int from, int to) {
        return from == 0 && to == tokens.length ? tokens : Arrays.copyOfRange(tokens, from, to);
    }

    /** Rows [from, to) of a state matrix, as a view written in place. */
    static INDArray rows(INDArray state, int from, int to) {
        return from == 0 && to == state.rows() ? state : state.get(interval(from, to), all());
    }

    /**
     * Runs {@code shard.applyAsDouble(i)} for i = 0..count-1, shard 0 here and the others on their
     * workers, waits for all of them, and returns the sum of their results. The first failure is
     * rethrown once every shard has stopped.
     */
    static double run(int count, IntToDoubleFunction shard) {
        if (count == 1) return shard.applyAsDouble(0);
        var pending = new ArrayList<Future<Double>>(count - 1);
        for (int i = 1; i < count; i++) {
            int index = i;
            pending.add(worker(i).submit(() -> shard.applyAsDouble(index)));
        }
        double sum = 0;
        Throwable failure = null;
        try {
            sum += shard.applyAsDouble(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<Double> f : pending) {
            while (true) {
                try {
                    sum += f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;     // finish waiting: the worker still writes into shared arrays
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException("a shard failed", failure);
        return sum;
    }

    /** target[p] += source[p] for every parameter's gradient. */
    static void addInto(List<INDArray> target, List<INDArray> source) {
        for (int p = 0; p < target.size(); p++) target.get(p).addi(source.get(p));
    }

    private static synchronized ExecutorService worker(int index) {
        while (WORKERS.size() <= index) {
            String name = "d2l-shard-" + WORKERS.size();
            WORKERS.add(Executors.newSingleThreadExecutor(body -> {
                var thread = new Thread(TOP, body, name);
                thread.setDaemon(true);
                return thread;
            }));
        }
        return WORKERS.get(index);
    }

    /** The thread running shard {@code index}'s work (for tests); starts it if needed. */
    static Thread workerThread(int index) {
        try {
            return worker(index).submit(Thread::currentThread).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThreadGroup topGroup() {
        var group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) group = group.getParent();
        return group;
    }
}
