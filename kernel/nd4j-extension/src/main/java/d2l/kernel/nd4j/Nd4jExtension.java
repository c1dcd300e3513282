package d2l.kernel.nd4j;

import d2l.kernel.extension.KernelExtension;

/**
 * ND4J finds its backend, and every class it loads by name, through one class loader of its own
 * ({@code ND4JClassLoading}); this makes it the session's, so ND4J sees what the session's cells see.
 */
public final class Nd4jExtension implements KernelExtension {
    static final String CLASS_LOADING = "org.nd4j.common.config.ND4JClassLoading";

    @Override
    public String name() {
        return "ND4J";
    }

    /**
     * Sets ND4J's class loader to {@code sessionLoader}, through that loader: the ND4J set up is the one
     * the cells use, also one a notebook added with {@code %maven}. Does nothing while the session
     * has no ND4J; the session calls again when its class path grows.
     */
    @Override
    public void sessionLoaderChanged(ClassLoader sessionLoader) {
        if (sessionLoader.getResource(CLASS_LOADING.replace('.', '/') + ".class") == null) return;
        try {
            Class.forName(CLASS_LOADING, true, sessionLoader)
                    .getMethod("setNd4jClassloader", ClassLoader.class)
                    .invoke(null, sessionLoader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not set ND4J's class loader: " + e, e);
        }
    }
}
