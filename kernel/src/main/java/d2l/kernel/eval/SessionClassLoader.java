package d2l.kernel.eval;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles for a session, plus jars added with {@code %classpath} or
 * {@code %maven}. Parent-first, so kernel and library classes are shared with user code (that is
 * what lets {@code display(...)} reach the kernel).
 */
final class SessionClassLoader extends URLClassLoader {
    static { registerAsParallelCapable(); }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

    SessionClassLoader(ClassLoader parent) {
        super(new URL[0], parent);
    }

    void declare(String className, byte[] bytes) {
        compiled.put(resourceName(className), bytes);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(resourceName(name));
        if (bytes == null) return super.findClass(name);
        return defineClass(name, bytes, 0, bytes.length);
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
                        @Override public void connect() { connected = true; }
                        @Override public InputStream getInputStream() { return new ByteArrayInputStream(bytes); }
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
