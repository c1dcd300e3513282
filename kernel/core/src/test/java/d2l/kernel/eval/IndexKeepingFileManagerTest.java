package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexKeepingFileManagerTest {
    private static final String RELEASE = String.valueOf(Runtime.version().feature());
    private final List<String> forwarded = new ArrayList<>();

    /** A standard file manager that records the options it is handed (and accepts them all). */
    private StandardJavaFileManager recording() {
        return (StandardJavaFileManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        var values = new ArrayList<String>();
                        ((Iterator<?>) args[1]).forEachRemaining(v -> values.add((String) v));
                        forwarded.add(args[0] + " " + String.join(" ", values));
                        return true;
                    }
                    if (method.getName().equals("isSupportedOption")) return 1;
                    if (method.getName().equals("getLocationAsPaths")) return List.of();
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aRepeatedMultiReleaseValueStopsHereAndANewOneGoesThrough() {
        var manager = new IndexKeepingFileManager(recording());
        for (int task = 0; task < 4; task++) {
            assertTrue(manager.handleOption("--multi-release", List.of("17").iterator()));
        }
        manager.handleOption("--multi-release", List.of("21").iterator());
        manager.handleOption("--multi-release", List.of("21").iterator());
        manager.handleOption("--multi-release", List.of("17").iterator());
        assertEquals(List.of("--multi-release 17", "--multi-release 21", "--multi-release 17"), forwarded);
    }

    @Test
    void everyOtherOptionIsForwardedEachTime() {
        var manager = new IndexKeepingFileManager(recording());
        manager.handleOption("--multi-release", List.of("17").iterator());
        manager.handleOption("-classpath", List.of("a.jar").iterator());
        manager.handleOption("-classpath", List.of("a.jar").iterator());
        manager.handleOption("--multi-release", List.of("17").iterator());
        assertEquals(List.of("--multi-release 17", "-classpath a.jar", "-classpath a.jar"), forwarded);
        assertEquals(1, manager.isSupportedOption("--multi-release"));
    }

    @Test
    void theRealFileManagerStillListsTheClassPathAfterARepeatedOption() throws Exception {
        var standard = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (var manager = new IndexKeepingFileManager(standard)) {
            for (int task = 0; task < 3; task++) {
                manager.handleOption(
                        "--multi-release",
                        List.of(String.valueOf(Runtime.version().feature())).iterator());
                var kinds = java.util.Set.of(javax.tools.JavaFileObject.Kind.CLASS);
                var listed = new ArrayList<String>();
                for (var file : manager.list(StandardLocation.CLASS_PATH, "d2l.kernel.eval", kinds, false)) {
                    listed.add(manager.inferBinaryName(StandardLocation.CLASS_PATH, file));
                }
                assertTrue(listed.contains("d2l.kernel.eval.Session"), "task " + task + " listed " + listed);
            }
        }
    }

    /** The jars of the test's own class path: what a kernel's class path is (it has no directories). */
    static List<Path> testJars() {
        var jars = new ArrayList<Path>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) jars.add(Path.of(entry));
        }
        return jars;
    }

    static StandardJavaFileManager standardOn(List<Path> classPath) throws IOException {
        var standard = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
        return standard;
    }

    private static List<String> binaryNames(JavaFileManager manager, String pkg) throws IOException {
        var names = new ArrayList<String>();
        for (var file : manager.list(StandardLocation.CLASS_PATH, pkg, Set.of(JavaFileObject.Kind.CLASS), false)) {
            names.add(manager.inferBinaryName(StandardLocation.CLASS_PATH, file));
        }
        names.sort(null);
        return names;
    }

    @Test
    void classPathListingsComeFromTheIndexUntilTheClassPathChanges(@TempDir Path dir) throws Exception {
        var jars = testJars();
        try (var manager = new IndexKeepingFileManager(standardOn(jars))) {
            assertFalse(manager.listsFromIndex(), "javac has not set the release yet");
            manager.handleOption("--multi-release", List.of(RELEASE).iterator());
            assertTrue(manager.listsFromIndex());
            var files = new ArrayList<JavaFileObject>();
            manager.list(StandardLocation.CLASS_PATH, "com.google.gson", Set.of(JavaFileObject.Kind.CLASS), false)
                    .forEach(files::add);
            assertTrue(files.stream().allMatch(f -> f instanceof ClassPathIndex.JarEntryFile), files.toString());
            assertTrue(binaryNames(manager, "com.google.gson").contains("com.google.gson.Gson"));
            assertTrue(manager.isSameFile(files.get(0), files.get(0)));
            assertFalse(manager.isSameFile(files.get(0), files.get(1)));
            assertTrue(manager.contains(StandardLocation.CLASS_PATH, files.get(0)));

            // JShell's addToClasspath: the index no longer answers, and the added jar is seen.
            var added = ClassPathIndexTest.jar(
                    dir.resolve("added.jar"), false, java.util.Map.of("com/google/gson/Added.class", "x"));
            var longer = new ArrayList<>(jars);
            longer.add(added);
            manager.handleOption(
                    "-classpath",
                    List.of(longer.stream()
                                    .map(Path::toString)
                                    .collect(java.util.stream.Collectors.joining(File.pathSeparator)))
                            .iterator());
            assertFalse(manager.listsFromIndex());
            var names = binaryNames(manager, "com.google.gson");
            assertTrue(
                    names.contains("com.google.gson.Added") && names.contains("com.google.gson.Gson"),
                    names.toString());
            // the files listed before stay readable: javac reads classes lazily
            try (var in = files.get(0).openInputStream()) {
                assertEquals(0xCAFEBABE, new java.io.DataInputStream(in).readInt());
            }
        }
    }

    @Test
    void aClassPathWithADirectoryIsListedByJavac(@TempDir Path dir) throws Exception {
        var classPath = new ArrayList<>(testJars());
        Files.createDirectories(dir.resolve("com/google/gson"));
        Files.writeString(dir.resolve("com/google/gson/FromDirectory.class"), "x");
        classPath.add(dir);
        try (var manager = new IndexKeepingFileManager(standardOn(classPath))) {
            manager.handleOption("--multi-release", List.of(RELEASE).iterator());
            assertFalse(manager.listsFromIndex());
            var names = binaryNames(manager, "com.google.gson");
            assertTrue(
                    names.contains("com.google.gson.FromDirectory") && names.contains("com.google.gson.Gson"),
                    names.toString());
        }
    }

    @Test
    void jshellCompilesAndRunsAgainstTheIndex(@TempDir Path dir) throws Exception {
        var created = new ArrayList<IndexKeepingFileManager>();
        var jars = testJars();
        try (var shell = jdk.jshell.JShell.builder()
                .executionEngine("local")
                .fileManager(standard -> {
                    try {
                        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, jars);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    var manager = new IndexKeepingFileManager(standard);
                    created.add(manager);
                    return manager;
                })
                .build()) {
            var events = shell.eval("new com.google.gson.Gson().toJson(java.util.List.of(1, 2))");
            assertEquals("\"[1,2]\"", events.get(0).value(), events.toString());
            assertTrue(created.get(0).listsFromIndex());
            var rejected = shell.eval("com.google.gson.NoSuchClass x = null;");
            assertEquals(jdk.jshell.Snippet.Status.REJECTED, rejected.get(0).status());
            var message = shell.diagnostics(rejected.get(0).snippet())
                    .findFirst()
                    .orElseThrow()
                    .getMessage(java.util.Locale.ROOT);
            assertTrue(message.contains("NoSuchClass"), message);

            // %classpath and %maven end in addToClasspath: the added jar's classes must be found.
            var added = compiledJar(
                    dir,
                    "added.Greeting",
                    "package added; public class Greeting { public static String hi() { return \"hi\"; } }");
            shell.addToClasspath(added.toString());
            var greeting = shell.eval("added.Greeting.hi()");
            assertEquals("\"hi\"", greeting.get(0).value(), greeting.toString());
            assertFalse(created.get(0).listsFromIndex(), "the index answers only for the class path it read");
            assertEquals(
                    "\"[3]\"",
                    shell.eval("new com.google.gson.Gson().toJson(java.util.List.of(3))")
                            .get(0)
                            .value());
        }
    }

    /** Compiles one class and puts it in a jar of its own. */
    private static Path compiledJar(Path dir, String className, String source) throws Exception {
        var sources = Files.createDirectories(dir.resolve("src"));
        var classes = Files.createDirectories(dir.resolve("classes"));
        var file = Files.writeString(
                sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java"), source);
        int status =
                ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString());
        assertEquals(0, status, "javac");
        var jar = dir.resolve(className + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            String entry = className.replace('.', '/') + ".class";
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }
}
