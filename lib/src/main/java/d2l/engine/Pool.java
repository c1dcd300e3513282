package d2l.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToDoubleFunction;

/**
 * The engine's one thread pool, for two kinds of work. {@link FastRnn} runs its recurrence as a
 * lockstep job ({@link #run}): every member (the calling thread and workers) runs the same task on
 * its own share, and the members meet at {@link Member#sync()} between time steps.
 * {@link DataParallel}'s independent parts are claimed by whichever thread is free
 * ({@link #forEachPart}). Both return once every member has finished, rethrowing the first failure.
 *
 * <p>A lockstep job's team is whoever joins in time: the caller offers the job to
 * {@code threads - 1} workers and starts once they have joined, or after {@link #ADMISSION_NANOS}
 * without the ones that have not (a worker descheduled on a busy machine): the team is then
 * smaller and each share larger.
 *
 * <p>The barrier is a {@link Phaser}. A member that arrives first spins for up to
 * {@link #SPIN_NANOS} before the Phaser parks it: a step of the recurrence takes 50-300 us and the
 * members arrive within microseconds of each other, while waking a parked thread costs tens of
 * microseconds, twice per step. Measured against the always-spinning barrier this replaced (two
 * cores, kernel JIT flags), FastRnn trains as fast at a load average of 2-3 and 1.5-1.9 times
 * faster at 5-6 (a parked member leaves the core to the one it waits for), with 15-30% less CPU
 * time. When a member fails, the Phaser is terminated, which releases the others at their next
 * barrier.
 *
 * <p>Workers are daemon threads of an executor, created in the top-level thread group: JShell (and
 * so a notebook kernel) waits, after each cell, for the threads of that cell's group, and a worker
 * born inside a cell would make the cell hang. FastRnn's members make no ND4J calls, only OpenBLAS
 * and plain Java, and get their ND4J views made beforehand on the calling thread: libnd4jcpu
 * crashed (SIGSEGV in execBroadcast) when two members broadcast-added a bias into views of one
 * array.
 */
final class Pool {

    /** How long the caller waits for a worker to join a job before it goes on without it. */
    static final long ADMISSION_NANOS = 2_000_000;
    /** How long a member spins at a barrier before it parks. */
    static final long SPIN_NANOS = 100_000;

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(Pool::worker);
    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();

    private Pool() {}

    /** A task run by every member; returns a number the job adds up (e.g. its share of the loss). */
    @FunctionalInterface
    interface Task {
        double run(Member member);
    }

    /** Where member {@code rank}'s share of {@code n} items starts in a team of {@code size}. */
    static int shareStart(int n, int rank, int size) {
        return (int) ((long) n * rank / size);
    }

    /** One member's view of the running job. */
    static final class Member {
        private final Job job;
        private final int rank;

        private Member(Job job, int rank) {
            this.job = job;
            this.rank = rank;
        }

        /** 0 for the caller, 1..size-1 for the workers that joined. */
        int rank() {
            return rank;
        }

        /** Members of this job (1 when no worker joined). */
        int size() {
            return job.size;
        }

        /** Start of this member's share of {@code n} items: shares differ by at most one item. */
        int from(int n) {
            return shareStart(n, rank, job.size);
        }

        /** End (exclusive) of this member's share of {@code n} items. */
        int to(int n) {
            return shareStart(n, rank + 1, job.size);
        }

        /** Waits until every member has reached this point; what each wrote before is then visible to all. */
        void sync() {
            Phaser barrier = job.barrier;
            int phase = barrier.arrive();
            if (phase < 0) throw Aborted.INSTANCE;
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (barrier.getPhase() == phase && System.nanoTime() < deadline) Thread.onSpinWait();
            if (barrier.awaitAdvance(phase) < 0) throw Aborted.INSTANCE;
        }
    }

    /**
     * Runs {@code task} on up to {@code threads} members (the calling thread is member 0) and returns
     * the sum of their results in rank order. Returns when every member has finished; the first
     * failure is rethrown then, and the other members stop at their next {@code sync}.
     */
    static double run(int threads, Task task) {
        return run(threads, task, WORKERS);
    }

    /** The same with the workers' threads from {@code workers} (tests hand in a slow one). */
    static double run(int threads, Task task, Executor workers) {
        var job = new Job(task, threads);
        try {
            for (int i = 1; i < threads; i++) workers.execute(job::joinAsWorker);
            job.admit();
            job.work(0);
        } finally {
            job.finish();
        }
        return job.sum();
    }

    /**
     * Runs {@code part.applyAsDouble(i)} once for each i in [0, parts) and returns the results' sum
     * in the order of i. The caller and {@code parts - 1} workers each claim the next part not yet
     * taken until none is left, so independent parts need no admission: a worker the scheduler wakes
     * late costs time but never stalls the call, the caller then runs its part. Returns once every
     * part has finished; the first failure is rethrown then.
     */
    static double forEachPart(int parts, IntToDoubleFunction part) {
        return forEachPart(parts, part, WORKERS);
    }

    static double forEachPart(int parts, IntToDoubleFunction part, Executor workers) {
        if (parts == 1) return part.applyAsDouble(0);
        double[] results = new double[parts];
        var next = new AtomicInteger();
        var finished = new CountDownLatch(parts);
        var failure = new AtomicReference<Throwable>();
        Runnable claim = () -> {
            for (int i; (i = next.getAndIncrement()) < parts; ) {
                try {
                    results[i] = part.applyAsDouble(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        };
        for (int i = 1; i < parts; i++) workers.execute(claim);
        try {
            claim.run();
        } finally {
            awaitUninterruptibly(finished);
        }
        rethrow(failure.get());
        double sum = 0;
        for (double r : results) sum += r;
        return sum;
    }

    /**
     * Waits even when interrupted (a member may still write into arrays the caller reuses as soon
     * as it returns), then keeps the interrupt for the caller to see.
     */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void rethrow(Throwable e) {
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
        if (e != null) throw new IllegalStateException("a pool member failed", e);
    }

    /** A worker's thread (for tests). */
    static Thread workerThread() {
        try {
            return WORKERS.submit(Thread::currentThread).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread worker(Runnable body) {
        var thread = new Thread(topGroup(), body, "d2l-engine-" + WORKER_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** The top-level thread group, where workers live outside any cell's group. */
    private static ThreadGroup topGroup() {
        var group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) group = group.getParent();
        return group;
    }

    /** One job: admission of members, the barrier, results and failures. */
    private static final class Job {
        private static final int CLOSED = 1 << 30;
        private final Task task;
        private final int wanted; // workers asked to join
        private final AtomicInteger admission = new AtomicInteger(); // workers joined, | CLOSED once started
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final double[] results;
        private CountDownLatch finished; // the joined workers; set before size
        private Phaser barrier; // set before size
        private volatile int size; // 0 until admission closes
        private volatile boolean aborted;

        Job(Task task, int threads) {
            this.task = task;
            wanted = threads - 1;
            results = new double[threads];
        }

        /** A worker's part: joins unless the job has started without it, then runs its share. */
        void joinAsWorker() {
            int rank = admission.updateAndGet(v -> (v & CLOSED) != 0 ? v : v + 1);
            if ((rank & CLOSED) != 0) return; // too late: not a member
            try {
                for (int spins = 0; size == 0; spins++) { // the caller is about to start
                    if (spins < 10_000) Thread.onSpinWait();
                    else Thread.yield();
                }
                if (!aborted) work(rank);
            } finally {
                finished.countDown();
            }
        }

        /** The caller waits for the workers, or until the admission time is up, then fixes the team. */
        void admit() {
            long deadline = System.nanoTime() + ADMISSION_NANOS;
            while (admission.get() < wanted && System.nanoTime() < deadline) Thread.onSpinWait();
            close();
        }

        private void close() {
            int joined = admission.getAndUpdate(v -> v | CLOSED) & ~CLOSED;
            finished = new CountDownLatch(joined);
            barrier = new Phaser(1 + joined);
            size = 1 + joined; // publishes the two above
        }

        /** Runs one member's share, recording its failure and releasing the others from the barrier. */
        void work(int rank) {
            try {
                results[rank] = task.run(new Member(this, rank));
            } catch (Aborted e) {
                // another member failed; its failure is the one reported
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                aborted = true;
                barrier.forceTermination();
            }
        }

        /** Waits for every member that joined, even when the caller failed: the workers write into shared arrays. */
        void finish() {
            if (size == 0) { // the caller failed before the job started
                aborted = true;
                close();
                barrier.forceTermination();
            }
            awaitUninterruptibly(finished);
        }

        double sum() {
            rethrow(failure.get());
            double sum = 0;
            for (int i = 0; i < size; i++) sum += results[i];
            return sum;
        }
    }

    /** Thrown inside a member when another member failed, to unwind it. */
    private static final class Aborted extends RuntimeException {
        static final Aborted INSTANCE = new Aborted();

        private Aborted() {
            super(null, null, false, false);
        }
    }
}
