package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TeamTest {

    @Test
    void membersRunInLockstepAndTheirResultsAreAdded() {
        int steps = 200;
        var written = new int[2][steps];
        var mismatches = new AtomicInteger();
        double sum = Team.run(2, member -> {
            int me = member.rank(), other = 1 - me;
            for (int t = 0; t < steps; t++) {
                written[me][t] = t + 1;
                member.sync();
                if (member.size() == 2 && written[other][t] != t + 1) mismatches.incrementAndGet();   // the other's step t is done
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
        Team.run(3, member -> {
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

    @Test
    void theCallerGoesOnAloneWhenAWorkerIsBusy() throws Exception {
        var busy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // Another job keeps worker 1 busy, as a descheduled thread on a busy machine would be
        // (offered again until worker 1 joins one: a parked worker may wake after the admission time).
        var other = CompletableFuture.runAsync(() -> {
            while (busy.getCount() > 0) {
                Team.run(2, member -> {
                    if (member.rank() == 1) {
                        busy.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return 0;
                });
            }
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS), "worker 1 took the first job");
        try {
            var ranOn = new Thread[1];
            var size = new int[1];
            double sum = Team.run(2, member -> {
                ranOn[0] = Thread.currentThread();
                size[0] = member.size();
                assertEquals(0, member.from(10));
                assertEquals(10, member.to(10));
                member.sync();       // a team of one passes its barriers
                return 5;
            });
            assertEquals(5.0, sum);
            assertEquals(1, size[0], "the busy worker was not waited for");
            assertEquals(Thread.currentThread(), ranOn[0]);
        } finally {
            release.countDown();
        }
        other.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailureStopsTheOtherMembersAtTheirNextSyncAndIsRethrown() {
        var reachedEnd = new boolean[2];
        var e = assertThrows(IllegalStateException.class, () -> Team.run(2, member -> {
            if (member.rank() == 1 || member.size() == 1) throw new IllegalStateException("member broke");
            member.sync();   // would wait forever for the failed member
            reachedEnd[0] = true;
            return 0;
        }));
        assertEquals("member broke", e.getMessage());
        assertArrayEquals(new boolean[2], reachedEnd);
        // The team still works afterwards.
        assertEquals(1.0, Team.run(2, member -> member.rank() == 0 ? 1 : 0));
    }

    /** JShell waits after each cell for the threads of the cell's group: the workers must not be among them. */
    @Test
    void workersStartedFromACellAreDaemonsOutsideItsThreadGroup() throws Exception {
        var worker = new Thread[1];
        var cell = new Thread(new ThreadGroup("a cell's threads"), () -> worker[0] = Team.workerThread(4));
        cell.start();
        cell.join();
        assertTrue(worker[0].isDaemon());
        assertNull(worker[0].getThreadGroup().getParent(), "in group " + worker[0].getThreadGroup().getName());
    }
}
