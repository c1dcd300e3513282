package d2l.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data parallelism for one minibatch: its sequences are cut into contiguous row ranges (shards), each
 * shard runs forward and backward on its own thread with its own buffers, and the shards' gradients
 * are summed once at the end. Each shard is claimed by exactly one thread, the caller or a worker,
 * and the call returns only when all have finished, so no two threads ever share a shard's buffers.
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
     * Runs {@code shard.applyAsDouble(i)} for i = 0..count-1 and returns the sum of the results, added
     * in the order of i. The calling thread and count - 1 workers each claim the next shard not yet
     * taken until none is left, so a worker the scheduler wakes late (a busy machine) costs time
     * but never stalls the call: the caller then runs that shard itself. Returns once every shard has
     * finished; the first failure is rethrown then.
     */
    static double run(int count, IntToDoubleFunction shard) {
        if (count == 1) return shard.applyAsDouble(0);
        var job = new Job(count, shard);
        for (int i = 1; i < count; i++) worker(i).execute(job::work);
        job.work();
        return job.sum();
    }

    /** One call's shards: which is next, their results, and how many are still running. */
    private static final class Job {
        private final IntToDoubleFunction shard;
        private final AtomicInteger next = new AtomicInteger();
        private final double[] results;
        private final CountDownLatch finished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int count, IntToDoubleFunction shard) {
            this.shard = shard;
            results = new double[count];
            finished = new CountDownLatch(count);
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < results.length; ) {
                try {
                    results[i] = shard.applyAsDouble(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        }

        double sum() {
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();      // even when interrupted: a worker may still write into shared arrays
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable e = failure.get();
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error r) throw r;
            if (e != null) throw new IllegalStateException("a shard failed", e);
            double sum = 0;
            for (double r : results) sum += r;
            return sum;
        }
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

    /** Worker {@code index} (for tests). */
    static ExecutorService workerExecutor(int index) { return worker(index); }

    /** Worker {@code index}'s thread (for tests); starts it if needed. */
    static Thread workerThread(int index) {
        try {
            return worker(index).submit(Thread::currentThread).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The top-level thread group, where workers live outside any cell's group. */
    static ThreadGroup topGroup() {
        var group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) group = group.getParent();
        return group;
    }
}
