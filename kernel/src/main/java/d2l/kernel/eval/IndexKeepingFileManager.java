package d2l.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * JShell's standard file manager, minus one needless cost: javac starts every task (JShell runs
 * three or four for {@code 1 + 1}) by setting {@code --multi-release} to the same value, and the JDK's file
 * manager answers any such option by dropping its index of the class path's packages. The next
 * package lookup (JShell's own {@code REPL} package is looked up in every task) then re-reads the
 * directory lists of every jar: about a fifth of a trivial cell's time with the chapter's 64 jars.
 * This forwards everything, except a {@code --multi-release} that repeats the value already set,
 * which would change nothing but that cache.
 */
final class IndexKeepingFileManager implements StandardJavaFileManager {
    private static final String MULTI_RELEASE = "--multi-release";

    private final StandardJavaFileManager standard;
    private String multiRelease;
    private long tasks;

    IndexKeepingFileManager(StandardJavaFileManager standard) {
        this.standard = Objects.requireNonNull(standard);
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (MULTI_RELEASE.equals(current) && remaining.hasNext()) {
            tasks++;
            String value = remaining.next();
            if (value.equals(multiRelease)) return true;
            boolean handled = standard.handleOption(current, java.util.List.of(value).iterator());
            if (handled) multiRelease = value;
            return handled;
        }
        if (current.startsWith("--multi-release=")) multiRelease = null;   // the other spelling: let it through
        return standard.handleOption(current, remaining);
    }

    /** How many javac tasks have started: each sets {@code --multi-release} once. */
    long tasksStarted() {
        return tasks;
    }

    @Override public int isSupportedOption(String option) { return standard.isSupportedOption(option); }
    @Override public ClassLoader getClassLoader(Location location) { return standard.getClassLoader(location); }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        return standard.list(location, packageName, kinds, recurse);
    }

    @Override public String inferBinaryName(Location location, JavaFileObject file) { return standard.inferBinaryName(location, file); }
    @Override public boolean isSameFile(FileObject a, FileObject b) { return standard.isSameFile(a, b); }
    @Override public boolean hasLocation(Location location) { return standard.hasLocation(location); }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        return standard.getJavaFileForInput(location, className, kind);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                               FileObject sibling) throws IOException {
        return standard.getJavaFileForOutput(location, className, kind, sibling);
    }

    @Override
    public FileObject getFileForInput(Location location, String packageName, String relativeName) throws IOException {
        return standard.getFileForInput(location, packageName, relativeName);
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName, FileObject sibling)
            throws IOException {
        return standard.getFileForOutput(location, packageName, relativeName, sibling);
    }

    @Override public void flush() throws IOException { standard.flush(); }
    @Override public void close() throws IOException { standard.close(); }

    @Override
    public Location getLocationForModule(Location location, String moduleName) throws IOException {
        return standard.getLocationForModule(location, moduleName);
    }

    @Override
    public Location getLocationForModule(Location location, JavaFileObject fo) throws IOException {
        return standard.getLocationForModule(location, fo);
    }

    @Override
    public <S> ServiceLoader<S> getServiceLoader(Location location, Class<S> service) throws IOException {
        return standard.getServiceLoader(location, service);
    }

    @Override public String inferModuleName(Location location) throws IOException { return standard.inferModuleName(location); }

    @Override
    public Iterable<Set<Location>> listLocationsForModules(Location location) throws IOException {
        return standard.listLocationsForModules(location);
    }

    @Override public boolean contains(Location location, FileObject fo) throws IOException { return standard.contains(location, fo); }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return standard.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return standard.getJavaFileObjectsFromPaths(paths);
    }

    @Override public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) { return standard.getJavaFileObjects(files); }
    @Override public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) { return standard.getJavaFileObjects(paths); }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return standard.getJavaFileObjectsFromStrings(names);
    }

    @Override public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) { return standard.getJavaFileObjects(names); }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        standard.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        standard.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        standard.setLocationForModule(location, moduleName, paths);
    }

    @Override public Iterable<? extends File> getLocation(Location location) { return standard.getLocation(location); }
    @Override public Iterable<? extends Path> getLocationAsPaths(Location location) { return standard.getLocationAsPaths(location); }
    @Override public Path asPath(FileObject file) { return standard.asPath(file); }
    @Override public void setPathFactory(PathFactory f) { standard.setPathFactory(f); }
}
