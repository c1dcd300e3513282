package d2l.kernel.eval;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Runs snippets in this JVM (so rich objects reach the renderers, and native libraries see one process),
 * using the JDK's {@link LocalExecutionControl} for stopping code: {@code Thread.stop} on JDK 17,
 * byte-code stop checks plus interrupts on JDK 21+. Additions:
 * <ul>
 * <li>a snippet's result is kept as the object it is, for {@link Session} to render; JShell's own
 * text for it (every element of a 200-million-element array, built on the kernel's thread) is
 * never made;</li>
 * <li>{@link #callAsUserCode} runs kernel work on user objects (their {@code toString}, renderers)
 * the way a snippet runs, so an interrupt stops it too;</li>
 * <li>the message of an exception a snippet throws is read on the snippet's thread, where an
 * interrupt reaches a {@code getMessage()} that never returns.</li>
 * </ul>
 */
final class SessionExecutionControl extends LocalExecutionControl {
    /** A message longer than this is cut: it is shown in an error, not stored. */
    private static final int MAX_MESSAGE = 10_000;

    private final SessionClassLoader loader;
    private volatile boolean stopped;

    private SessionExecutionControl(SessionClassLoader loader) {
        super(new Delegate(loader));
        this.loader = loader;
    }

    SessionClassLoader loader() {
        return loader;
    }

    /** The wrapper class JShell last named in {@link #varValue}: where {@link #variable} finds the field. */
    private volatile String lastVariableClass;

    /**
     * Nothing in the kernel asks JShell for a variable's text; if anything does, it costs nothing.
     * JShell names the variable's wrapper class here, which {@link #variable} uses.
     */
    @Override
    public String varValue(String className, String varName) {
        lastVariableClass = className;
        return "";
    }

    /**
     * The object a valid variable of {@code shell} (whose engine this is) holds now, read from the
     * static field JShell keeps it in, without running any code of the cell.
     */
    Object variable(jdk.jshell.JShell shell, jdk.jshell.VarSnippet variable) throws ReflectiveOperationException {
        lastVariableClass = null;
        shell.varValue(variable);
        String className = lastVariableClass;
        if (className == null) throw new ClassNotFoundException("JShell named no class for " + variable.name());
        var field = findClass(className).getDeclaredField(variable.name());
        field.setAccessible(true);
        return field.get(null);
    }

    /**
     * The control whose {@link #run} is under way on the thread that invokes the engine. JShell
     * reaches {@link #runPending()} by reflection, as a static method, on a snippet thread the
     * engine creates for each invocation from that invoking thread, so an inheritable thread-local
     * set around the invocation hands the trampoline its own control: sessions running cells at
     * the same time in one JVM never take each other's work or result.
     */
    private static final InheritableThreadLocal<SessionExecutionControl> INVOKING = new InheritableThreadLocal<>();

    /** The work {@link #runPending()} does next, and what it returned. */
    private volatile Callable<?> pending;

    private volatile Object result;
    /** Messages of the exception (and its causes) the last snippet threw, read on the snippet's thread. */
    private volatile Map<Throwable, String> messages = Map.of();

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = SessionExecutionControl.class.getDeclaredMethod("runPending");
            TRAMPOLINE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * JDK 17's engine makes its own handler the JVM-wide default for uncaught exceptions while a
     * snippet runs, and that handler silently keeps exceptions of every thread; so a thread the
     * cell started, failing while the cell waits for it, went unseen. The snippet therefore runs
     * through {@link #runPending()}, which narrows JShell's handler to JShell's own thread.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        run(() -> doitMethod.invoke(null));
        return "";
    }

    /** Runs {@code work} on JShell's execution thread (the caller marks it as user code). */
    private void run(Callable<?> work) throws Exception {
        pending = work;
        result = null;
        messages = Map.of();
        var outer = INVOKING.get();
        INVOKING.set(this);
        try {
            super.invoke(TRAMPOLINE);
        } finally {
            pending = null;
            if (outer == null) INVOKING.remove();
            else INVOKING.set(outer);
        }
    }

    /**
     * Runs kernel code that calls into user objects (a value's {@code toString}, a renderer) as a
     * snippet runs: on JShell's execution thread, stopped by {@link #stop()} (the session's
     * interrupt and time-out).
     *
     * @throws StoppedException if it was stopped
     * @throws InvocationTargetException with what {@code work} threw
     */
    <T> T callAsUserCode(Callable<T> work) throws Exception {
        clientCodeEnter();
        try {
            run(work);
            @SuppressWarnings("unchecked")
            T value = (T) takeResult();
            return value;
        } finally {
            clientCodeLeave();
        }
    }

    /**
     * Runs on JShell's execution thread, after the engine installed its handler. Where JShell's
     * thread group handles uncaught exceptions itself (JDK 25: it drops those of threads the cell
     * starts), the work runs on a thread of a {@link CellThreads} group inside JShell's, so the
     * cell's threads belong to it, and it prints their exceptions.
     */
    private static Object runPending() throws Throwable {
        var self = INVOKING.get();
        if (self == null) throw new IllegalStateException("runPending runs only inside SessionExecutionControl.run");
        INVOKING.remove(); // the threads the snippet starts need no handle on the engine
        var engineHandler = Thread.getDefaultUncaughtExceptionHandler();
        var snippetThread = Thread.currentThread();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (thread == snippetThread && engineHandler != null) engineHandler.uncaughtException(thread, error);
            else Session.reportUncaught(thread, error);
        });
        // JDK 17's group is a plain ThreadGroup, which hands exceptions to the handler above.
        if (snippetThread.getThreadGroup().getClass() == ThreadGroup.class) {
            Throwable thrown = self.callPending();
            if (thrown != null) throw thrown;
            return null;
        }
        var outcome = new Throwable[1];
        var work = new Thread(
                new CellThreads(snippetThread.getThreadGroup()), () -> outcome[0] = self.callPending(), "cell");
        work.setContextClassLoader(snippetThread.getContextClassLoader());
        work.start();
        // A stop interrupts this thread as well as the work's (JDK 21+); the work ends by itself.
        while (work.isAlive()) {
            try {
                work.join();
            } catch (InterruptedException e) {
                // keep waiting: the stop reaches the work, which is what has to end
            }
        }
        if (outcome[0] != null) throw outcome[0]; // the engine wraps it again, exactly once, as for a direct call
        return null;
    }

    /** The pending work's exception (its messages read here, where a stop reaches them), or null. */
    private Throwable callPending() {
        Throwable thrown;
        try {
            result = pending.call();
            return null;
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        } catch (Throwable e) {
            thrown = e;
        }
        try {
            if (!(thrown instanceof ThreadDeath)) messages = readMessages(thrown);
        } catch (Throwable stop) {
            return stop; // stopped while reading a message that never ends
        }
        return thrown;
    }

    /** The threads of one snippet, and those it starts: their uncaught exceptions are printed. */
    private static final class CellThreads extends ThreadGroup {
        CellThreads(ThreadGroup parent) {
            super(parent, "cell");
        }

        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            Session.reportUncaught(thread, error);
        }
    }

    private static Map<Throwable, String> readMessages(Throwable thrown) {
        var read = new IdentityHashMap<Throwable, String>();
        for (Throwable t = thrown; t != null && !read.containsKey(t) && read.size() < 20; t = t.getCause()) {
            String message;
            try {
                message = t.getMessage();
            } catch (ThreadDeath stop) {
                throw stop;
            } catch (Throwable e) {
                message = "(its getMessage() threw " + e.getClass().getName() + ")";
            }
            if (message != null && message.length() > MAX_MESSAGE)
                message = message.substring(0, MAX_MESSAGE) + "... (cut)";
            read.put(t, message);
        }
        return read;
    }

    /** As JShell's own conversion, but with the messages {@link #runPending()} already read. */
    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        var known = messages;
        if (cause instanceof SPIResolutionException || !known.containsKey(cause))
            return super.throwConvertedInvocationException(cause);
        throw userException(cause, known);
    }

    private static RunException userException(Throwable t, Map<Throwable, String> known) {
        if (t instanceof SPIResolutionException r) return new ResolutionException(r.id(), r.getStackTrace());
        var converted = new UserException(known.get(t), t.getClass().getName(), t.getStackTrace());
        Throwable cause = t.getCause();
        if (cause != null && known.containsKey(cause) && cause != t) converted.initCause(userException(cause, known));
        return converted;
    }

    /** Notes that a snippet was stopped, which JShell itself reports as a plain empty result. */
    @Override
    public String invoke(String className, String methodName)
            throws RunException, EngineTerminationException, InternalException {
        try {
            return super.invoke(className, methodName);
        } catch (StoppedException e) {
            stopped = true;
            throw e;
        }
    }

    /** The message of an exception a snippet or {@link #callAsUserCode} work threw, as read on its thread. */
    String messageOf(Throwable thrown) {
        return messages.get(thrown);
    }

    /** Whether code was stopped since the last call; clears the mark. */
    boolean takeStopped() {
        boolean s = stopped;
        stopped = false;
        return s;
    }

    /** What the last snippet or {@link #callAsUserCode} work returned: a snippet's value, or null. */
    Object takeResult() {
        Object v = result;
        result = null;
        return v;
    }

    /** Hands JShell one control whose class loader the session keeps a handle on. */
    static final class Provider implements ExecutionControlProvider {
        private final ClassLoader parent;
        private volatile SessionExecutionControl created;

        Provider(ClassLoader parent) {
            this.parent = parent;
        }

        @Override
        public String name() {
            return "d2l-session";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new SessionExecutionControl(new SessionClassLoader(parent));
            return created;
        }

        SessionExecutionControl created() {
            return created;
        }
    }

    private static final class Delegate implements LoaderDelegate {
        private final SessionClassLoader loader;
        private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

        Delegate(SessionClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public void load(ClassBytecodes[] classes) throws ClassInstallException {
            for (var c : classes) loader.declare(c.name(), c.bytecodes());
            boolean[] ok = new boolean[classes.length];
            try {
                for (int i = 0; i < classes.length; i++) {
                    loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
                    ok[i] = true;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("Loading failed: " + e, ok);
            }
        }

        @Override
        public void classesRedefined(ClassBytecodes[] classes) {
            for (var c : classes) loader.declare(c.name(), c.bytecodes());
        }

        @Override
        public void addToClasspath(String path) throws InternalException {
            try {
                for (String entry : path.split(File.pathSeparator)) {
                    if (!entry.isBlank()) loader.addURL(Path.of(entry).toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new InternalException("Bad class path entry in " + path + ": " + e.getMessage());
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = loaded.get(name);
            return c != null ? c : loader.loadClass(name);
        }
    }
}
