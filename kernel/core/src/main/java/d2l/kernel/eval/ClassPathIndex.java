package d2l.kernel.eval;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.JavaFileObject;

/**
 * What javac's file manager would list for each package of a class path made of jars, read once
 * from the jars' central directories. The JDK's own index opens each jar as a zip file system and
 * walks its tree, about 160 ms of a session's start with the chapter's 64 jars (43k entries); this
 * reads the same entries in about a quarter of that, and off the session's thread.
 *
 * <p>Multi-release jars are read as javac reads them for {@code --multi-release} {@code release}:
 * each name is served from the newest {@code META-INF/versions} copy not above that release.
 * Only jars are indexed: a class path with a directory (whose files javac re-lists every time)
 * is refused, and the caller keeps using javac's own lookup.
 */
final class ClassPathIndex implements Closeable {
    private final List<Path> classPath;
    private final List<Jar> jars;
    /** Package directory ("java/util", "" for the unnamed package) to its files, jar by jar in class-path order. */
    private final Map<String, List<Listed>> byDirectory;

    private ClassPathIndex(List<Path> classPath, List<Jar> jars, Map<String, List<Listed>> byDirectory) {
        this.classPath = classPath;
        this.jars = jars;
        this.byDirectory = byDirectory;
    }

    /** Thrown when a class path entry is not a jar this index can answer for. */
    static final class NotIndexable extends IOException {
        NotIndexable(String message) {
            super(message);
        }
    }

    /** Reads every jar of {@code classPath}; entries that do not exist are skipped, as javac skips them. */
    static ClassPathIndex build(List<Path> classPath, Runtime.Version release) throws IOException {
        var jars = new ArrayList<Jar>();
        var byDirectory = new HashMap<String, List<Listed>>();
        var validDirectories = new HashMap<String, Boolean>();
        try {
            for (Path path : classPath) {
                if (Files.isDirectory(path)) throw new NotIndexable(path + " is a directory");
                if (!Files.exists(path)) continue;
                var jar = new Jar(path, new JarFile(path.toFile(), false, ZipFile.OPEN_READ, release));
                jars.add(jar);
                for (var entries = jar.file.versionedStream().iterator(); entries.hasNext(); ) {
                    JarEntry entry = entries.next();
                    String name = entry.getName();
                    if (name.endsWith("/")) continue;
                    int slash = name.lastIndexOf('/');
                    String directory = slash < 0 ? "" : name.substring(0, slash);
                    if (!validDirectories.computeIfAbsent(directory, ClassPathIndex::isPackageDirectory)) continue;
                    byDirectory
                            .computeIfAbsent(directory, d -> new ArrayList<>())
                            .add(new Listed(jar, name));
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                closeAll(jars);
            } catch (IOException notClosed) {
                e.addSuppressed(notClosed);
            }
            throw e;
        }
        return new ClassPathIndex(List.copyOf(classPath), List.copyOf(jars), byDirectory);
    }

    /** javac only descends into directories whose every segment is a Java identifier (so never META-INF). */
    private static boolean isPackageDirectory(String directory) {
        if (directory.isEmpty()) return true;
        for (String segment : directory.split("/", -1)) {
            if (!SourceVersion.isIdentifier(segment)) return false;
        }
        return true;
    }

    /** The class path this index was read from. */
    List<Path> classPath() {
        return classPath;
    }

    /** The files directly in {@code packageName} whose kind is one of {@code kinds}, in class-path order. */
    List<JavaFileObject> list(String packageName, Set<JavaFileObject.Kind> kinds) {
        var listed = byDirectory.get(packageName.replace('.', '/'));
        if (listed == null) return List.of();
        var files = new ArrayList<JavaFileObject>(listed.size());
        for (Listed entry : listed) {
            var kind = kindOf(entry.name);
            if (kinds.contains(kind)) files.add(new JarEntryFile(entry.jar, entry.name, kind));
        }
        return files;
    }

    /** The package directories that hold at least one file. */
    Set<String> packageDirectories() {
        return Set.copyOf(byDirectory.keySet());
    }

    @Override
    public void close() throws IOException {
        closeAll(jars);
    }

    private static void closeAll(List<Jar> jars) throws IOException {
        IOException failure = null;
        for (Jar jar : jars) {
            try {
                jar.file.close();
            } catch (IOException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private static final List<JavaFileObject.Kind> BY_EXTENSION =
            List.of(JavaFileObject.Kind.CLASS, JavaFileObject.Kind.SOURCE, JavaFileObject.Kind.HTML);

    /** The kind javac gives a file by its extension. */
    static JavaFileObject.Kind kindOf(String name) {
        for (var kind : BY_EXTENSION) {
            if (name.endsWith(kind.extension)) return kind;
        }
        return JavaFileObject.Kind.OTHER;
    }

    private record Jar(Path path, JarFile file) {}

    /** A name, not its JarEntry: the entries of 64 jars would hold several MB for the whole session. */
    private record Listed(Jar jar, String name) {}

    /**
     * One file of an indexed jar, named as javac names a jar's files ({@code lib.jar(/p/A.class)})
     * so compiler messages read the same. Equal when jar and entry are.
     */
    static final class JarEntryFile implements JavaFileObject {
        private final Jar jar;
        private final String name;
        private final Kind kind;

        private JarEntryFile(Jar jar, String name, Kind kind) {
            this.jar = jar;
            this.name = name;
            this.kind = kind;
        }

        /** The entry a versioned jar serves for this name (the newest copy not above the release). */
        private JarEntry entry() throws IOException {
            var entry = jar.file.getJarEntry(name);
            if (entry == null) throw new java.io.FileNotFoundException(getName() + " is no longer in its jar");
            return entry;
        }

        /** {@code p.q.A} for {@code p/q/A.class}, as javac infers it for a jar's file. */
        String binaryName() {
            int dot = name.lastIndexOf('.');
            return (dot < 0 ? name : name.substring(0, dot)).replace('/', '.');
        }

        @Override
        public Kind getKind() {
            return kind;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            Objects.requireNonNull(simpleName);
            Objects.requireNonNull(kind);
            if (kind == Kind.OTHER && this.kind != Kind.OTHER) return false;
            return name.substring(name.lastIndexOf('/') + 1).equals(simpleName + kind.extension);
        }

        @Override
        public NestingKind getNestingKind() {
            return null;
        }

        @Override
        public Modifier getAccessLevel() {
            return null;
        }

        @Override
        public URI toUri() {
            return URI.create("jar:" + jar.path.toUri().normalize() + "!/" + name);
        }

        @Override
        public String getName() {
            return jar.path + "(/" + name + ")";
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return jar.file.getInputStream(entry());
        }

        @Override
        public Reader openReader(boolean ignoreEncodingErrors) throws IOException {
            return new InputStreamReader(openInputStream(), Charset.defaultCharset());
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
            try (var in = openInputStream()) {
                return new String(in.readAllBytes(), Charset.defaultCharset());
            }
        }

        @Override
        public OutputStream openOutputStream() {
            throw new UnsupportedOperationException("read-only: " + getName());
        }

        @Override
        public Writer openWriter() {
            throw new UnsupportedOperationException("read-only: " + getName());
        }

        @Override
        public long getLastModified() {
            try {
                return entry().getTime();
            } catch (IOException e) {
                return 0; // as javac's own file objects answer for a file they cannot read
            }
        }

        @Override
        public boolean delete() {
            return false;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JarEntryFile that && that.jar.path.equals(jar.path) && that.name.equals(name);
        }

        @Override
        public int hashCode() {
            return jar.path.hashCode() * 31 + name.hashCode();
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
