package d2l.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolTest {

    @Test
    void membersRunInLockstepAndTheirResultsAreAdded() {
        int steps = 200;
        var written = new int[2][steps];
        var mismatches = new AtomicInteger();
        double sum = Pool.run(2, member -> {
            int me = member.rank(), other = 1 - me;
            for (int t = 0; t < steps; t++) {
                written[me][t] = t + 1;
                member.sync();
                if (member.size() == 2 && written[other][t] != t + 1)
                    mismatches.incrementAndGet(); // the other's step t is done
                member.sync();
            }
            return me + 1;
        });
        assertEquals(0, mismatches.get(), "after sync a member sees what the other wrote before it");
        assertTrue(sum == 3.0 || sum == 1.0, "1 + 2 (or the caller alone): " + sum);
    }

    @Test
    void sharesCoverEveryItemOnce() {
        var from = new int[3];
        var to = new int[3];
        var sizes = new int[3];
        Pool.run(3, member -> {
            from[member.rank()] = member.from(512);
            to[member.rank()] = member.to(512);
            sizes[member.rank()] = member.size();
            return 0;
        });
        int size = sizes[0];
        assertEquals(0, from[0]);
        assertEquals(512, to[size - 1]);
        for (int r = 1; r < size; r++) assertEquals(to[r - 1], from[r]);
    }

    /** Workers that start only once {@code release} opens, as descheduled threads on a busy machine would. */
    private static Executor late(CountDownLatch release, AtomicInteger started) {
        return task -> new Thread(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    started.incrementAndGet();
                    task.run();
                })
                .start();
    }

    @Test
    void theCallerGoesOnAloneWhenAWorkerIsLate() throws Exception {
        var release = new CountDownLatch(1);
        var started = new AtomicInteger();
        var ranOn = new Thread[1];
        var size = new int[1];
        double sum = Pool.run(
                2,
                member -> {
                    ranOn[0] = Thread.currentThread();
                    size[0] = member.size();
                    assertEquals(0, member.from(10));
                    assertEquals(10, member.to(10));
                    member.sync(); // a team of one passes its barriers
                    return 5;
                },
                late(release, started));
        assertEquals(5.0, sum);
        assertEquals(1, size[0], "the late worker was not waited for");
        assertEquals(Thread.currentThread(), ranOn[0]);
        release.countDown();
        while (started.get() == 0) Thread.onSpinWait();
        // The late worker finds the job started without it and leaves: the caller's arrays stay its own.
        assertEquals(Thread.currentThread(), ranOn[0]);
    }

    @Test
    void theCallerRunsThePartsOfAWorkerThatIsLate() {
        var release = new CountDownLatch(1);
        var ranOn = new Thread[3];
        double sum = Pool.forEachPart(
                3,
                i -> {
                    ranOn[i] = Thread.currentThread();
                    return i + 1;
                },
                late(release, new AtomicInteger()));
        release.countDown();
        assertEquals(6.0, sum);
        assertArrayEquals(new Thread[] {Thread.currentThread(), Thread.currentThread(), Thread.currentThread()}, ranOn);
    }

    @Test
    void partsRunOnceEachAndTheirSumIsAddedInOrder() {
        var runs = new AtomicInteger[5];
        for (int i = 0; i < 5; i++) runs[i] = new AtomicInteger();
        double[] values = {1e16, 1, -1e16, 1, 0.5}; // in order: 0 + 1 + 0.5 = 1.5 (any other order loses the 1s)
        double sum = Pool.forEachPart(5, i -> {
            runs[i].incrementAndGet();
            return values[i];
        });
        for (var r : runs) assertEquals(1, r.get());
        assertEquals(((1e16 + 1) - 1e16 + 1) + 0.5, sum);
    }

    @Test
    void aFailureStopsTheOtherMembersAtTheirNextSyncAndIsRethrown() {
        var reachedEnd = new boolean[2];
        var e = assertThrows(
                IllegalStateException.class,
                () -> Pool.run(2, member -> {
                    if (member.rank() == 1 || member.size() == 1) throw new IllegalStateException("member broke");
                    member.sync(); // would wait forever for the failed member
                    reachedEnd[0] = true;
                    return 0;
                }));
        assertEquals("member broke", e.getMessage());
        assertArrayEquals(new boolean[2], reachedEnd);
        // The pool still works afterwards.
        assertEquals(1.0, Pool.run(2, member -> member.rank() == 0 ? 1 : 0));
    }

    @Test
    void aFailingPartIsRethrownOnlyOnceNoPartIsRunning() {
        var running = new AtomicInteger();
        var e = assertThrows(
                IllegalStateException.class,
                () -> Pool.forEachPart(3, i -> {
                    running.incrementAndGet();
                    try {
                        if (i == 1) throw new IllegalStateException("part 1 broke");
                        spin(50); // still writing when part 1 fails
                        return 0;
                    } finally {
                        running.decrementAndGet();
                    }
                }));
        assertEquals("part 1 broke", e.getMessage());
        assertEquals(0, running.get(), "a part was still running after the call returned");
    }

    @Test
    void anInterruptedCallerStillWaitsForItsMembersAndKeepsTheInterrupt() {
        var finished = new AtomicBoolean();
        var caller = Thread.currentThread();
        try {
            Pool.forEachPart(2, i -> {
                if (i == 0) caller.interrupt();
                else {
                    spin(50);
                    finished.set(true);
                }
                return 0;
            });
            assertTrue(finished.get(), "returned before part 1 finished");
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is kept");
        } finally {
            Thread.interrupted();
        }
    }

    private static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    /** JShell waits after each cell for the threads of the cell's group: the workers must not be among them. */
    @Test
    void workersStartedFromACellAreDaemonsOutsideItsThreadGroup() throws Exception {
        var worker = new Thread[1];
        var cell = new Thread(new ThreadGroup("a cell's threads"), () -> worker[0] = Pool.workerThread());
        cell.start();
        cell.join();
        assertTrue(worker[0].isDaemon());
        assertNull(
                worker[0].getThreadGroup().getParent(),
                "in group " + worker[0].getThreadGroup().getName());
    }
}
