package d2l.kernel.eval;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM (so rich objects reach the renderers, and ND4J sees one process),
 * using the JDK's {@link LocalExecutionControl} for stopping code: {@code Thread.stop} on JDK 17,
 * byte-code stop checks plus interrupts on JDK 21+. One addition: reading a variable also keeps
 * the object itself, which {@link Session} uses to render a cell's value.
 */
final class SessionExecutionControl extends LocalExecutionControl {
    private final SessionClassLoader loader;
    private volatile Object lastVarValue;
    private volatile boolean stopped;

    private SessionExecutionControl(SessionClassLoader loader) {
        super(new Delegate(loader));
        this.loader = loader;
    }

    SessionClassLoader loader() {
        return loader;
    }

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        try {
            var field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastVarValue = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            lastVarValue = null;
        }
        return super.varValue(className, varName);
    }

    /** The snippet method {@link #runPending()} runs next; cells run one at a time per JVM. */
    private static volatile Method pending;
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
        pending = doitMethod;
        return super.invoke(TRAMPOLINE);
    }

    /** Runs on JShell's execution thread, after the engine installed its handler. */
    private static Object runPending() throws Throwable {
        var engineHandler = Thread.getDefaultUncaughtExceptionHandler();
        var snippetThread = Thread.currentThread();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (thread == snippetThread && engineHandler != null) engineHandler.uncaughtException(thread, error);
            else Session.reportUncaught(thread, error);
        });
        try {
            return pending.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();    // the engine wraps it again, exactly once, as for a direct call
        }
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

    /** Whether code was stopped since the last call; clears the mark. */
    boolean takeStopped() {
        boolean s = stopped;
        stopped = false;
        return s;
    }

    /** The object behind the most recent {@code JShell.varValue} call. */
    Object takeLastVarValue() {
        Object v = lastVarValue;
        lastVarValue = null;
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
