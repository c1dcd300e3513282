package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleCollectorTest {
    private final AtomicInteger collections = new AtomicInteger();
    private final Semaphore collected = new Semaphore(0);

    private IdleCollector collector(long delayMillis) {
        return new IdleCollector(delayMillis, () -> {
            collections.incrementAndGet();
            collected.release();
        });
    }

    @Test
    void collectsOnceWhenTheKernelStaysIdleAfterACell() throws Exception {
        var idle = collector(50);
        idle.cellStarting();
        idle.cellEnded();
        assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS), "no collection after the cell");
        Thread.sleep(200);
        assertEquals(1, collections.get(), "one collection per idle spell, not one per delay");
    }

    @Test
    void aCellThatStartsBeforeTheDelayIsOverCancelsIt() throws Exception {
        var idle = collector(300);
        idle.cellEnded();
        idle.cellStarting();
        Thread.sleep(600);
        assertEquals(0, collections.get(), "collected while a cell was running");
        idle.cellEnded();
        assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS), "no collection after the second cell");
        assertEquals(1, collections.get());
    }

    @Test
    void cellsInQuickSuccessionCollectOnceAfterTheLast() throws Exception {
        var idle = collector(300);
        for (int i = 0; i < 5; i++) {
            idle.cellStarting();
            idle.cellEnded();
        }
        assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertEquals(1, collections.get());
    }

    @Test
    void aSessionThatStartsWhileACellWaitsForItLeavesTheCollectionToThatCell() throws Exception {
        var idle = collector(100);
        idle.cellStarting(); // the first cell arrived during start-up and waits for the session
        idle.sessionStarted();
        Thread.sleep(400);
        assertEquals(0, collections.get(), "collected while the first cell ran");
        idle.cellEnded();
        assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS));
    }

    @Test
    void anIdleKernelCollectsAfterItsSessionStarted() throws Exception {
        var idle = collector(50);
        idle.sessionStarted();
        assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS), "no collection after start-up");
    }

    @Test
    void compactingLeavesTheJvmsFreeRatiosAsTheyWere() {
        var vm = java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        IdleCollector.compact();
        assertEquals(min, vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(max, vm.getVMOption("MaxHeapFreeRatio").getValue());
    }

    @Test
    void aDelayOfZeroTurnsItOff() throws Exception {
        var idle = collector(0);
        idle.cellEnded();
        Thread.sleep(300);
        assertEquals(0, collections.get());
    }
}
