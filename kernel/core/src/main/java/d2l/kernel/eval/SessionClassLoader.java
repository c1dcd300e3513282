package d2l.kernel.eval;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles for a session, plus jars added with {@code %classpath} or
 * {@code %maven}. Parent-first, so kernel and library classes are shared with user code (that is
 * what lets {@code display(...)} reach the kernel). Every class it defines itself, snippets and
 * those jars' classes, has its exit calls pointed at {@link ExitGuard} ({@link ExitCallRewriter});
 * classes of the JVM's own class path (kernel, d2l library and its dependencies) are not rewritten.
 */
final class SessionClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();
    /** The session whose classes this loads: a thread with this context loader works for it. */
    volatile SessionContext context;

    SessionClassLoader(ClassLoader parent) {
        super(new URL[0], parent);
    }

    void declare(String className, byte[] bytes) {
        compiled.put(resourceName(className), ExitCallRewriter.rewrite(bytes));
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(resourceName(name));
        if (bytes == null) return fromClasspath(name);
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** A class of an added jar or directory; defined here only when it had exit calls to rewrite. */
    private Class<?> fromClasspath(String name) throws ClassNotFoundException {
        URL url = super.findResource(resourceName(name));
        if (url == null) throw new ClassNotFoundException(name);
        byte[] original;
        try (var in = url.openStream()) {
            original = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
        }
        byte[] bytes = ExitCallRewriter.rewrite(original);
        if (bytes == original) return super.findClass(name);
        int dot = name.lastIndexOf('.');
        if (dot > 0 && getDefinedPackage(name.substring(0, dot)) == null) {
            definePackage(name.substring(0, dot), null, null, null, null, null, null, null);
        }
        return defineClass(name, bytes, 0, bytes.length, new CodeSource(codeLocation(url), (CodeSigner[]) null));
    }

    /** The jar or directory a class came from: "jar:file:/a.jar!/p/C.class" is "file:/a.jar". */
    private static URL codeLocation(URL classUrl) {
        String s = classUrl.toString();
        try {
            int bang = s.indexOf("!/");
            if (s.startsWith("jar:") && bang > 0) return new URL(s.substring(4, bang));
            return classUrl;
        } catch (MalformedURLException e) {
            return classUrl;
        }
    }

    /** Compiled snippets are visible as resources too: some libraries read class files. */
    @Override
    public URL findResource(String name) {
        URL own = inMemoryUrl(name);
        return own != null ? own : super.findResource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        var urls = new ArrayList<>(Collections.list(super.findResources(name)));
        URL own = inMemoryUrl(name);
        if (own != null) urls.add(own);
        return Collections.enumeration(urls);
    }

    private URL inMemoryUrl(String name) {
        byte[] bytes = compiled.get(name);
        if (bytes == null) return null;
        try {
            return new URL("jshell", null, -1, "/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                            connected = true;
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resourceName(String className) {
        return className.replace('.', '/') + ".class";
    }
}
