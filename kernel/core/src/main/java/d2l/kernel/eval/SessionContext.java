package d2l.kernel.eval;

import d2l.kernel.comm.CommManager;
import d2l.kernel.display.Renderers;
import d2l.kernel.magic.MagicContext;
import d2l.kernel.magic.Magics;

/**
 * What one session's code reaches through the static notebook functions ({@code display},
 * {@code lineMagic}, {@code Comms.current()}, {@code System.out}): its renderers, its magics and
 * the cell they act on, its comms, and its streams (the running cell's sink, {@code System.in}).
 * User code runs in the kernel's JVM and calls static methods, so {@link DisplayHub},
 * {@link ActiveCell}, {@code Comms} and {@link Stdio} ask {@link #current()} which session the
 * calling thread works for; two sessions in one JVM (tests, an embedding) then never see each
 * other's outputs, magics or comms, even with cells running at the same time.
 *
 * <p><b>How a thread's session is found: its context class loader.</b> Every session already sets
 * its own class loader (the one its snippets are defined in) as the context loader of each thread
 * that runs its code: the thread running a cell, the comm thread while it runs a handler, and the
 * interact redraw thread while it redraws; JShell's snippet thread and every thread a cell starts
 * inherit it from their creator, as they must to find the session's classes. So the loader that
 * lets a thread load the session's classes also names the session, and no second binding has to be
 * kept in step with it (an inheritable thread-local would have to be set at each of those places,
 * and would not follow a thread that sets only the loader, as interact's redraw does). The search
 * also walks up the loader's parents, so code that sets a child of the session's loader (a library
 * loading plug-ins) stays in the session. A thread a cell started keeps its session after the cell
 * ended; its output goes to that session's latest cell, as in IPython.
 *
 * <p>A thread whose loader names no session (a thread of the JDK's common pool, library code in a
 * plain JVM) gets the session that last started a cell, as every thread did while the kernel held
 * one JVM-wide session; with none, there is no session: {@code display} goes nowhere,
 * {@code System.out} to the process's own stream, the IJava functions throw a clear error. A
 * thread of a closed session belongs to no session and never borrows another one.
 */
public final class SessionContext {
    /** The session that last started a cell: the one threads of no session reach, as before. */
    private static volatile SessionContext latest;

    private final Renderers renderers;
    private final Magics magics;
    private final CommManager comms;
    /** Where text printed on this session's threads goes (the running cell), and what {@code System.in} reads. */
    final Stdio.Streams streams = new Stdio.Streams();

    private volatile MagicContext cell;
    /** The session's class loader now (a rebuilt session has a new one), for {@link #runAs}. */
    private volatile ClassLoader loader;

    private volatile boolean closed;

    SessionContext(Renderers renderers, Magics magics, CommManager comms) {
        this.renderers = renderers;
        this.magics = magics;
        this.comms = comms;
    }

    /**
     * The session the calling thread works for (see the class comment): the one its context class
     * loader names, else the session that last started a cell; null if there is none, or if the
     * thread belongs to a closed session.
     */
    public static SessionContext current() {
        var own = named(Thread.currentThread().getContextClassLoader());
        if (own != null) return own.closed ? null : own;
        var last = latest;
        return last == null || last.closed ? null : last;
    }

    /** The open session the calling thread's context class loader names; null otherwise (no fallback). */
    public static SessionContext ofThread() {
        var own = named(Thread.currentThread().getContextClassLoader());
        return own == null || own.closed ? null : own;
    }

    private static SessionContext named(ClassLoader loader) {
        for (int depth = 0; loader != null && depth < 16; depth++, loader = loader.getParent()) {
            if (loader instanceof SessionClassLoader session) return session.context;
        }
        return null;
    }

    public Renderers renderers() {
        return renderers;
    }

    public Magics magics() {
        return magics;
    }

    public CommManager comms() {
        return comms;
    }

    /** The cell the session runs now (or ran last): what its magics act on; null before the first. */
    MagicContext cell() {
        return cell;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Makes {@code sessionLoader} (a new JShell's) name this session. */
    void adopt(SessionClassLoader sessionLoader) {
        sessionLoader.context = this;
        loader = sessionLoader;
    }

    /** A cell starts: its outputs go to {@code sink}, its magics act on {@code running}. */
    void enter(OutputSink sink, MagicContext running) {
        streams.sink = sink;
        cell = running;
        synchronized (SessionContext.class) {
            if (!closed) latest = this;
        }
    }

    /**
     * Runs {@code task} on the calling thread as this session's code (its context class loader set
     * to the session's), for kernel threads that work for a session.
     */
    public void runAs(Runnable task) {
        var thread = Thread.currentThread();
        var before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The session is closed: what its threads printed is delivered, and from now on they, and the
     * static functions they call, belong to no session.
     */
    void close() {
        streams.drain();
        closed = true;
        streams.sink = null;
        streams.in.use(null);
        cell = null;
        synchronized (SessionContext.class) {
            if (latest == this) latest = null;
        }
    }
}
