package d2l.kernel;

import d2l.kernel.eval.Stdio;
import java.util.Optional;

/**
 * Ends the kernel once the process that started it is gone, as ipykernel does: a Jupyter server
 * killed with {@code kill -9} cannot ask its kernels to shut down, and a JVM left behind holds a
 * few hundred MB for good. Watched once a second: the process named by {@code JPY_PARENT_PID}
 * (which jupyter_client sets to its own pid), and the kernel's own parent, whose change means
 * this process was orphaned and adopted (by init or a sub-reaper).
 */
final class ParentWatch {
    static final long PERIOD_MILLIS = 1000;

    private ParentWatch() {}

    /**
     * Starts the watch on a daemon thread; {@code onGone} runs once, on that thread, when a
     * watched process is gone.
     */
    static void start(String jpyParentPid, Runnable onGone) {
        var self = ProcessHandle.current();
        long parent = self.parent().map(ProcessHandle::pid).orElse(1L);
        Optional<ProcessHandle> jupyter = jupyterParent(jpyParentPid);
        if (parent <= 1 && jupyter.isEmpty()) return; // started by init itself: nothing to watch
        var thread = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(PERIOD_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        String gone = null;
                        if (parent > 1 && self.parent().map(ProcessHandle::pid).orElse(1L) != parent) {
                            gone = "its parent process " + parent;
                        } else if (jupyter.isPresent() && !jupyter.get().isAlive()) {
                            gone = "the Jupyter process " + jupyter.get().pid() + " (JPY_PARENT_PID)";
                        }
                        if (gone != null) {
                            Stdio.log().println("Kernel: " + gone + " is gone; shutting down.");
                            onGone.run();
                            return;
                        }
                    }
                },
                "parent-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The process JPY_PARENT_PID names, if it is a number naming a live process other than init. */
    static Optional<ProcessHandle> jupyterParent(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            long pid = Long.parseLong(value.trim());
            if (pid <= 1) return Optional.empty();
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty())
                Stdio.log().println("Kernel: JPY_PARENT_PID " + pid + " names no running process; not watching it.");
            return handle;
        } catch (NumberFormatException e) {
            Stdio.log().println("Kernel: JPY_PARENT_PID is not a process id ('" + value + "'); not watching it.");
            return Optional.empty();
        }
    }
}
