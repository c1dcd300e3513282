package d2l.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * JShell's standard file manager, minus two needless costs.
 *
 * <ul>
 *   <li>javac starts every task (JShell runs three or four for {@code 1 + 1}) by setting
 *       {@code --multi-release} to the same value, and the JDK's file manager answers any such
 *       option by dropping its index of the class path's packages; the next package lookup then
 *       re-reads the directory lists of every jar, about a fifth of a trivial cell's time with the
 *       chapter's 64 jars. A {@code --multi-release} that repeats the value already set stops here.
 *   <li>The first package lookup builds that index on the session's thread, about 160 ms of a
 *       kernel's start. A {@link ClassPathIndex} of the same jars is read on a background thread
 *       as soon as JShell creates this manager, and package listings of the class path come from it
 *       while the class path and the release are the ones it was read for. Anything else (a
 *       directory on the class path, a jar added to it, another release, a recursive listing)
 *       goes to the standard manager, as before.
 * </ul>
 */
final class IndexKeepingFileManager implements StandardJavaFileManager {
    private static final String MULTI_RELEASE = "--multi-release";

    private static final String RELEASE = String.valueOf(Runtime.version().feature());

    private final StandardJavaFileManager standard;
    private String multiRelease;
    private long tasks;
    private final CompletableFuture<ClassPathIndex> index = new CompletableFuture<>();
    /** False once the index failed or the class path moved away from it: from then on javac's lookup is used. */
    private boolean indexUsable = true;
    /** False after anything that could change the class path, until it is compared with the index's again. */
    private boolean classPathChecked = true;

    IndexKeepingFileManager(StandardJavaFileManager standard) {
        this.standard = Objects.requireNonNull(standard);
        var classPath = classPathOf(standard);
        KernelThreads.daemon("class-path-index", () -> {
                    try {
                        index.complete(ClassPathIndex.build(classPath, Runtime.version()));
                    } catch (IOException | RuntimeException e) {
                        index.completeExceptionally(e);
                    }
                })
                .start();
    }

    /** The index, when it answers for what the standard manager would list now; null otherwise. */
    private ClassPathIndex usableIndex() {
        if (!indexUsable || !RELEASE.equals(multiRelease)) return null;
        ClassPathIndex ready;
        try {
            ready = index.join();
        } catch (CompletionException e) {
            indexUsable = false; // e.g. a directory on the class path: javac's own lookup answers
            return null;
        }
        if (!classPathChecked) {
            indexUsable = ready.classPath().equals(classPathOf(standard));
            classPathChecked = true;
        }
        return indexUsable ? ready : null;
    }

    private static List<Path> classPathOf(StandardJavaFileManager manager) {
        var paths = new java.util.ArrayList<Path>();
        var location = manager.getLocationAsPaths(StandardLocation.CLASS_PATH);
        if (location != null) location.forEach(paths::add);
        return paths;
    }

    /** Whether class path listings are served from the {@link ClassPathIndex} (for tests). */
    boolean listsFromIndex() {
        return usableIndex() != null;
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (MULTI_RELEASE.equals(current) && remaining.hasNext()) {
            tasks++;
            String value = remaining.next();
            if (value.equals(multiRelease)) return true;
            boolean handled = standard.handleOption(current, List.of(value).iterator());
            if (handled) multiRelease = value;
            return handled;
        }
        if (current.startsWith("--multi-release=")) multiRelease = null; // the other spelling: let it through
        classPathChecked = false; // -classpath (JShell's addToClasspath) and the like
        return standard.handleOption(current, remaining);
    }

    /** How many javac tasks have started: each sets {@code --multi-release} once. */
    long tasksStarted() {
        return tasks;
    }

    @Override
    public int isSupportedOption(String option) {
        return standard.isSupportedOption(option);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
        return standard.getClassLoader(location);
    }

    @Override
    public Iterable<JavaFileObject> list(
            Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse) throws IOException {
        if (location == StandardLocation.CLASS_PATH && !recurse) {
            var ready = usableIndex();
            if (ready != null) return ready.list(packageName, kinds);
        }
        return standard.list(location, packageName, kinds, recurse);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return file instanceof ClassPathIndex.JarEntryFile indexed
                ? indexed.binaryName()
                : standard.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof ClassPathIndex.JarEntryFile || b instanceof ClassPathIndex.JarEntryFile) return a.equals(b);
        return standard.isSameFile(a, b);
    }

    @Override
    public boolean hasLocation(Location location) {
        return standard.hasLocation(location);
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        return standard.getJavaFileForInput(location, className, kind);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) throws IOException {
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

    @Override
    public void flush() throws IOException {
        standard.flush();
    }

    @Override
    public void close() throws IOException {
        // Files already listed stay readable until here: javac completes classes lazily, tasks later.
        index.thenAccept(ready -> {
            try {
                ready.close();
            } catch (IOException e) {
                Stdio.log().println("closing the class path index: " + e);
            }
        });
        standard.close();
    }

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

    @Override
    public String inferModuleName(Location location) throws IOException {
        return standard.inferModuleName(location);
    }

    @Override
    public Iterable<Set<Location>> listLocationsForModules(Location location) throws IOException {
        return standard.listLocationsForModules(location);
    }

    @Override
    public boolean contains(Location location, FileObject fo) throws IOException {
        if (fo instanceof ClassPathIndex.JarEntryFile) return location == StandardLocation.CLASS_PATH;
        return standard.contains(location, fo);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return standard.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return standard.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return standard.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return standard.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return standard.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return standard.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        classPathChecked = false;
        standard.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        classPathChecked = false;
        standard.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        standard.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return standard.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return standard.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return standard.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory f) {
        standard.setPathFactory(f);
    }
}
