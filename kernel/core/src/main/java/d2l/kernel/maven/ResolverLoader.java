package d2l.kernel.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Loads Maven Resolver on the first {@code %maven}, so a kernel that never resolves never pays
 * for it. A kernelspec keeps the resolver's jars in {@code lib/maven/}, beside the kernel jar but
 * off the class path: the kernel starts with no more jars to open than before, and a notebook's
 * own {@code %maven} artifacts (any httpclient or maven-model version) never meet the kernel's.
 * The implementation ({@code d2l.kernel.maven.aether}) is defined by a loader over those jars;
 * everything else is the kernel's. When there is no {@code lib/maven/} (tests, the IDE) the
 * resolver comes from the class path.
 */
public final class ResolverLoader {
    private static final String IMPLEMENTATION = "d2l.kernel.maven.aether.MimaResolver";
    private static Resolver resolver;

    private ResolverLoader() {}

    /** The kernel's resolver, loaded (and settings.xml read) on the first call. */
    public static synchronized Resolver resolver() {
        if (resolver == null) resolver = load(null);
        return resolver;
    }

    /** A new resolver on {@code mavenUserHome} (its settings.xml and repository) instead of ~/.m2. */
    public static Resolver load(Path mavenUserHome) {
        try {
            Class<?> type = Class.forName(IMPLEMENTATION, true, new Loader(jars(), Resolver.class.getClassLoader()));
            Object instance = mavenUserHome == null
                    ? type.getConstructor().newInstance()
                    : type.getConstructor(Path.class).newInstance(mavenUserHome);
            return (Resolver) instance;
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException i ? i.getCause() : e;
            throw new ResolutionException("Maven Resolver could not start (" + cause + "); its jars belong in "
                    + libDirectory().map(Path::toString).orElse("lib/maven/ beside the kernel jar"));
        }
    }

    /** The jars in {@code lib/maven/} beside the kernel jar, if there is such a directory. */
    static URL[] jars() {
        var urls = new ArrayList<URL>();
        libDirectory().ifPresent(dir -> {
            try (var files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar"))
                        .sorted()
                        .toList()) urls.add(jar.toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return urls.toArray(URL[]::new);
    }

    static java.util.Optional<Path> libDirectory() {
        try {
            var source = Resolver.class.getProtectionDomain().getCodeSource();
            if (source == null) return java.util.Optional.empty();
            Path kernel = Path.of(source.getLocation().toURI());
            Path dir = kernel.resolveSibling("maven");
            return Files.isRegularFile(kernel) && Files.isDirectory(dir)
                    ? java.util.Optional.of(dir)
                    : java.util.Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Parent first, except for the implementation package, whose classes it defines itself from
     * the kernel jar's bytes, so that they link against the resolver jars it holds.
     */
    private static final class Loader extends URLClassLoader {
        private static final String PACKAGE = "d2l.kernel.maven.aether.";

        Loader(URL[] urls, ClassLoader parent) {
            super("maven-resolver", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String path = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(path)) {
                        if (in == null) throw new ClassNotFoundException(name);
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length, Resolver.class.getProtectionDomain());
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
}
