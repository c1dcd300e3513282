package d2l.kernel.extension;

/**
 * Sets up a library for the kernel's sessions. The general kernel knows no library by name: what one
 * needs (ND4J finding its backend through the session's class loader, say) comes in through an
 * extension that the kernelspec shipping that library also ships.
 *
 * <p>A session finds extensions with {@link java.util.ServiceLoader} on its class loader, so an
 * extension is a public class with a public no-argument constructor, named in its jar's
 * {@code META-INF/services/d2l.kernel.extension.KernelExtension}. The session looks when it starts and
 * again each time its class path grows ({@code %jars}, {@code %classpath}, {@code %maven}), so an
 * extension in a jar a notebook adds is attached too. Each attached extension is one instance for the
 * session's life; a rebuilt session keeps it.
 *
 * <p>Calls come on the thread that evaluates the session's cells, between cells, with the thread's
 * context class loader set to the session's loader. An extension that throws is reported in the
 * kernel's log and the session goes on without it for that call.
 */
public interface KernelExtension {
    /** A short name for the kernel's log lines; the class name unless overridden. */
    default String name() {
        return getClass().getName();
    }

    /**
     * The session's class loader is new or can see more: called when the extension is attached, after
     * the session's class path grows, and with the new loader when the session is rebuilt after a
     * failure of its compiler (user classes are then defined again, by {@code sessionLoader}).
     *
     * @param sessionLoader loads the classes of the session's cells and of the jars added to it; its
     *     parent loads the kernel and the libraries of the kernelspec
     */
    void sessionLoaderChanged(ClassLoader sessionLoader);
}
