package d2l.kernel.protocol;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Once the kernel has been idle for a moment after its start or a cell, runs one full collection
 * that leaves only a fifth of the heap free: the heap a cell grew is given back to the system, and
 * ND4J's arrays that nobody references any more free their native memory, so an idle kernel of a
 * class holds what its variables need rather than what its last cell briefly used. While cells run,
 * the heap keeps the JVM's usual room to grow (few collections, fast cells and training); a cell
 * that starts before the delay is over cancels the collection.
 */
final class IdleCollector {
    /** {@code -Dd2l.kernel.idleGcMillis=0} turns it off. */
    static final String PROPERTY = "d2l.kernel.idleGcMillis";

    static final long DEFAULT_DELAY_MILLIS = 1500;

    private final long delayMillis;
    private final Runnable collect;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private boolean cellRunning;

    IdleCollector(long delayMillis, Runnable collect) {
        this.delayMillis = delayMillis;
        this.collect = collect;
        // Created up front, on the kernel's start-up thread, never inside a cell's thread group.
        timer = delayMillis > 0
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    var thread = new Thread(r, "idle-gc");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    static IdleCollector fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        long delay = DEFAULT_DELAY_MILLIS;
        if (value != null) {
            try {
                delay = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                d2l.kernel.eval.Stdio.log()
                        .println("Ignoring -D" + PROPERTY + "=" + value + ": not a number of milliseconds; using "
                                + DEFAULT_DELAY_MILLIS + " (0 turns it off)");
            }
        }
        return new IdleCollector(delay, IdleCollector::compact);
    }

    /**
     * A full collection with the free-heap ratios of a tight heap ({@code -XX:MinHeapFreeRatio=10
     * -XX:MaxHeapFreeRatio=20}, both settable at run time), then the kernelspec's own again. With
     * {@code -XX:-ShrinkHeapInSteps} the serial collector shrinks to that at once.
     */
    static void compact() {
        HotSpotDiagnosticMXBean vm;
        String min;
        String max;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            min = vm.getVMOption("MinHeapFreeRatio").getValue();
            max = vm.getVMOption("MaxHeapFreeRatio").getValue();
            vm.setVMOption("MinHeapFreeRatio", "10");
            vm.setVMOption("MaxHeapFreeRatio", "20");
        } catch (RuntimeException e) {
            System.gc(); // a JVM without these options: a plain collection still frees ND4J's arrays
            return;
        }
        try {
            System.gc();
        } finally {
            vm.setVMOption("MaxHeapFreeRatio", max);
            vm.setVMOption("MinHeapFreeRatio", min);
        }
        trimNativeHeap();
    }

    /**
     * Returns the C heap's free pages to the system ({@code jcmd PID System.trim_native_heap}, JDK
     * 17.0.9 and later): what javac and ND4J freed otherwise stays in the process. JavaCPP frees the
     * arrays the collection found unreachable on its own thread, so this waits a moment first.
     */
    static void trimNativeHeap() {
        try {
            Thread.sleep(200);
            var server = ManagementFactory.getPlatformMBeanServer();
            var command = new ObjectName("com.sun.management:type=DiagnosticCommand");
            server.invoke(command, "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {
                String[].class.getName()
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JMException | RuntimeException e) {
            // An older JDK, or not Linux: the heap is compact, only the C heap keeps its free pages.
        }
    }

    synchronized void cellStarting() {
        cellRunning = true;
        if (pending != null) pending.cancel(false);
        pending = null;
    }

    synchronized void cellEnded() {
        cellRunning = false;
        schedule();
    }

    /** The session has started: collect if no cell is waiting for it or running. */
    synchronized void sessionStarted() {
        if (!cellRunning) schedule();
    }

    private void schedule() {
        if (timer == null) return;
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(collect, delayMillis, TimeUnit.MILLISECONDS);
    }
}
