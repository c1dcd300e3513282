package d2l.kernel.eval;

/**
 * Daemon threads for the kernel's own background work. They are created in the top-level thread
 * group, never in the group of whichever thread happens to need one first: on JDK 21+ JShell's
 * local engine waits, after each snippet, for every thread in that snippet's group to end, so a
 * long-lived kernel thread born while a cell runs would hang the cell forever. Likewise their
 * context class loader is the kernel's, never that of the session whose cell happened to need one
 * first: that loader names the session the thread works for ({@link SessionContext}), and a kernel
 * thread works for a session only while it says so.
 */
public final class KernelThreads {
    private static final ThreadGroup TOP = topGroup();

    private KernelThreads() {}

    public static Thread daemon(String name, Runnable body) {
        var thread = new Thread(TOP, body, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(KernelThreads.class.getClassLoader());
        return thread;
    }

    /** For executors: each thread a daemon of the top-level group, named {@code name}. */
    public static java.util.concurrent.ThreadFactory factory(String name) {
        return body -> daemon(name, body);
    }

    private static ThreadGroup topGroup() {
        var group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) group = group.getParent();
        return group;
    }
}
