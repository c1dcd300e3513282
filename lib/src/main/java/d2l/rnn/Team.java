package d2l.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that work on one job in lockstep: every member runs the same task on its own share of
 * the columns (or rows) and the members meet at {@link Member#sync()} between steps that read each
 * other's results. This is how the recurrence uses two cores: at every time step each member
 * computes its half of the new hidden state's columns, and the next step waits until both halves
 * are there.
 *
 * <p>The team is whoever joins in time: the caller offers the job to {@code threads - 1} workers and
 * starts once they have joined, or after {@link #ADMISSION_NANOS} without the ones that have not
 * (a worker descheduled on a busy machine): the team is then smaller and each share larger. Workers spin briefly after
 * a job, so the next minibatch's job finds them awake, then park.
 *
 * <p>The workers are daemon threads of the top-level thread group: JShell (and so a notebook
 * kernel) waits, after each cell, for the threads of that cell's group, and a worker born inside a
 * cell would make the cell hang.
 */
final class Team {

    /** How long the caller waits for a worker to join a job before it goes on without it. */
    static final long ADMISSION_NANOS = 2_000_000;
    /** How long a worker stays awake for the next job after one ends. */
    private static final long LINGER_NANOS = 5_000_000;
    private static final List<Worker> WORKERS = new ArrayList<>();
    private static final ThreadGroup TOP = Shards.topGroup();

    private Team() {}

    /** Where member {@code rank}'s share of {@code n} items starts in a team of {@code size}. */
    static int shareStart(int n, int rank, int size) { return (int) ((long) n * rank / size); }

    /** A task run by every member; returns a number the team adds up (e.g. its share of the loss). */
    @FunctionalInterface
    interface Task {
        double run(Member member);
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
        int rank() { return rank; }

        /** Members of this job (1 when no worker joined). */
        int size() { return job.size; }

        /** Start of this member's share of {@code n} items: shares differ by at most one item. */
        int from(int n) { return shareStart(n, rank, job.size); }

        /** End (exclusive) of this member's share of {@code n} items. */
        int to(int n) { return shareStart(n, rank + 1, job.size); }

        /** Waits until every member has reached this point; what each wrote before is then visible to all. */
        void sync() { job.barrier(); }
    }

    /**
     * Runs {@code task} on up to {@code threads} members (the calling thread is member 0) and returns
     * the sum of their results in rank order. Returns when every member has finished; the first
     * failure is rethrown then, and the other members stop at their next {@code sync}.
     */
    static double run(int threads, Task task) {
        var job = new Job(task);
        try {
            for (int i = 1; i < threads; i++) worker(i).offer(job);
            job.admit(threads - 1);
            job.work(0);
        } finally {
            job.finish();
        }
        return job.sum();
    }

    /** Worker {@code index}'s thread (for tests); starts it if needed. */
    static Thread workerThread(int index) { return worker(index).thread; }

    private static Worker worker(int index) {
        synchronized (WORKERS) {
            while (WORKERS.size() < index) WORKERS.add(new Worker("d2l-team-" + (WORKERS.size() + 1)));
            return WORKERS.get(index - 1);
        }
    }

    /** One job: admission of members, the barrier, results and failures. */
    private static final class Job {
        private static final int CLOSED = 1 << 30;
        private final Task task;
        private final AtomicInteger admission = new AtomicInteger();   // workers joined, | CLOSED once started
        private final AtomicInteger running = new AtomicInteger();     // workers joining or in the job
        private final AtomicInteger arrived = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile int size;                                     // 0 until admission closes
        private volatile int generation;
        private volatile boolean aborted;
        private final double[] results = new double[64];

        Job(Task task) { this.task = task; }

        /** A worker asks to join: its rank, or -1 when the job has already started without it. */
        int join() {
            running.incrementAndGet();       // before joining: finish() must see every member that might run
            while (true) {
                int v = admission.get();
                if ((v & CLOSED) != 0 || v + 1 >= results.length) {
                    running.decrementAndGet();
                    return -1;
                }
                if (admission.compareAndSet(v, v + 1)) return v + 1;
            }
        }

        /** The caller waits for {@code wanted} workers, or until the admission time is up, then closes. */
        void admit(int wanted) {
            long deadline = System.nanoTime() + ADMISSION_NANOS;
            while ((admission.get() & ~CLOSED) < wanted && System.nanoTime() < deadline) Thread.onSpinWait();
            int joined = admission.getAndUpdate(v -> v | CLOSED) & ~CLOSED;
            size = 1 + joined;
        }

        /** Runs one member's share; a joined worker first waits for the caller to fix the team's size. */
        void work(int rank) {
            try {
                while (size == 0) Thread.onSpinWait();
                if (aborted) return;
                results[rank] = task.run(new Member(this, rank));
            } catch (Aborted e) {
                // another member failed; its failure is the one reported
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                aborted = true;
            } finally {
                if (rank > 0) running.decrementAndGet();
            }
        }

        void barrier() {
            int gen = generation;
            if (arrived.incrementAndGet() == size) {
                arrived.set(0);
                generation = gen + 1;
                return;
            }
            for (int spins = 0; generation == gen; spins++) {
                if (aborted) throw new Aborted();
                if (spins < 20_000) Thread.onSpinWait();
                else Thread.yield();          // a member was descheduled: let it run
            }
        }

        /** Waits for every member, even when the caller failed (the workers write into shared arrays). */
        void finish() {
            if (size == 0) {                 // the caller failed before the job started: release who joined
                aborted = true;
                size = 1 + (admission.getAndUpdate(v -> v | CLOSED) & ~CLOSED);
            }
            if (failure.get() != null) aborted = true;
            for (int spins = 0; running.get() > 0; spins++) {
                if (spins < 20_000) Thread.onSpinWait();
                else Thread.yield();
            }
        }

        double sum() {
            Throwable e = failure.get();
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error r) throw r;
            if (e != null) throw new IllegalStateException("a team member failed", e);
            double sum = 0;
            for (int i = 0; i < size; i++) sum += results[i];
            return sum;
        }
    }

    /** Thrown inside a member when another member failed, to unwind it. */
    private static final class Aborted extends RuntimeException {
        Aborted() { super(null, null, false, false); }
    }

    /** A worker thread: takes the job offered to it, lingers awake a little, then parks. */
    private static final class Worker {
        private final AtomicReference<Job> offered = new AtomicReference<>();
        private final Thread thread;

        Worker(String name) {
            thread = new Thread(TOP, this::loop, name);
            thread.setDaemon(true);
            thread.start();
        }

        void offer(Job job) {
            offered.set(job);
            LockSupport.unpark(thread);
        }

        private void loop() {
            long idleSince = System.nanoTime();
            while (true) {
                Job job = offered.getAndSet(null);
                if (job != null) {
                    int rank = job.join();
                    if (rank > 0) job.work(rank);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < LINGER_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
