package d2l.kernel.eval;

import d2l.kernel.extension.KernelExtension;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A session's {@link KernelExtension}s: found with {@link ServiceLoader} on the session's loader and
 * told when that loader changes. An extension that fails is reported in the log, never to the cell:
 * the session works without it.
 */
final class Extensions {
    private final PrintStream log;
    private final List<KernelExtension> attached = new ArrayList<>();
    /** Class names, not classes: a rebuilt session's loader loads an added jar's extension again. */
    private final Set<String> attachedNames = new HashSet<>();

    Extensions(PrintStream log) {
        this.log = log;
    }

    /**
     * The session has a new loader (started, rebuilt) or its loader sees more jars: attaches the
     * extensions not attached yet, then tells every attached one.
     */
    void loaderChanged(ClassLoader sessionLoader) {
        attachNew(sessionLoader);
        tellAll(sessionLoader);
    }

    List<String> names() {
        return attached.stream().map(Extensions::nameOf).toList();
    }

    private void attachNew(ClassLoader sessionLoader) {
        var providers = ServiceLoader.load(KernelExtension.class, sessionLoader).stream()
                .spliterator();
        // Each step may fail on its own (a services file naming a missing class, a constructor that
        // throws); the lookup then goes on with the next entry.
        boolean more = true;
        while (more) {
            try {
                more = providers.tryAdvance(provider -> {
                    String name = provider.type().getName();
                    if (attachedNames.add(name)) attached.add(provider.get());
                });
            } catch (ServiceConfigurationError | LinkageError e) {
                log.println("Kernel extension not loaded: " + e);
            }
        }
    }

    private void tellAll(ClassLoader sessionLoader) {
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(sessionLoader);
        try {
            for (var extension : attached) {
                try {
                    extension.sessionLoaderChanged(sessionLoader);
                } catch (RuntimeException | LinkageError e) {
                    log.println("Kernel extension " + nameOf(extension) + " failed: " + e);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String nameOf(KernelExtension extension) {
        try {
            return extension.name();
        } catch (RuntimeException | LinkageError e) {
            return extension.getClass().getName();
        }
    }
}
