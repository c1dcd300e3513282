package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.JavaFileObject.Kind;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index must list exactly what javac's own file manager lists, package by package. */
class ClassPathIndexTest {
    private static final String RELEASE = String.valueOf(Runtime.version().feature());

    @TempDir
    Path dir;

    /** Writes a jar of name → text entries; a manifest makes it multi-release when asked. */
    static Path jar(Path file, boolean multiRelease, Map<String, String> entries) throws IOException {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        try (var out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            for (var entry : entries.entrySet()) {
                var jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTime(1_600_000_000_000L);
                out.putNextEntry(jarEntry);
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    /** Two hand-made jars that exercise versions, shadowing and names javac skips, then the test's own jars. */
    private List<Path> classPath() throws IOException {
        var entries = new LinkedHashMap<String, String>();
        entries.put("p/A.class", "A base");
        entries.put("META-INF/versions/9/p/A.class", "A for 9");
        entries.put("META-INF/versions/" + RELEASE + "/p/B.class", "B only from this release");
        entries.put(
                "META-INF/versions/" + (Runtime.version().feature() + 1) + "/p/C.class", "C only from a later release");
        entries.put("p/q/R.properties", "r=1");
        entries.put("p/page.html", "<p>");
        entries.put("p/S.java", "package p; class S {}");
        entries.put("p/int/K.class", "an identifier, though a keyword");
        entries.put("p/1x/K.class", "not an identifier");
        entries.put("my-dir/X.class", "not a package");
        entries.put("root.txt", "unnamed package");
        var multiRelease = jar(dir.resolve("multi release.jar"), true, entries);
        var plain = jar(
                dir.resolve("plain.jar"),
                false,
                Map.of(
                        "p/A.class", "A shadowed",
                        "META-INF/versions/9/p/D.class", "not a multi-release jar",
                        "p/E.class", "E"));
        var path = new ArrayList<>(List.of(multiRelease, dir.resolve("missing.jar"), plain));
        path.addAll(IndexKeepingFileManagerTest.testJars());
        return path;
    }

    private static StandardJavaFileManager javacFileManager(List<Path> classPath) throws IOException {
        var standard = IndexKeepingFileManagerTest.standardOn(classPath);
        standard.handleOption("--multi-release", List.of(RELEASE).iterator());
        return standard;
    }

    /** What javac needs of a listed file, sorted by jar position on the class path, then by name. */
    private static List<String> described(
            JavaFileManager manager, Iterable<JavaFileObject> files, List<Path> classPath) {
        var described = new ArrayList<String>();
        for (var file : files) {
            described.add(manager.inferBinaryName(StandardLocation.CLASS_PATH, file) + " " + file.getKind() + " "
                    + file.getName() + " " + file.toUri());
        }
        described.sort(Comparator.comparingInt((String line) -> jarPosition(line, classPath))
                .thenComparing(line -> line));
        return described;
    }

    private static int jarPosition(String line, List<Path> classPath) {
        for (int i = classPath.size() - 1; i >= 0; i--) {
            if (line.contains(" " + classPath.get(i) + "(")) return i;
        }
        throw new AssertionError("no jar of the class path in " + line);
    }

    @Test
    void everyPackageListsWhatJavacLists() throws Exception {
        var classPath = classPath();
        var all = EnumSet.allOf(Kind.class);
        try (var standard = javacFileManager(classPath);
                var index = ClassPathIndex.build(classPath, Runtime.version())) {
            var packages = new TreeSet<String>();
            for (var file : standard.list(StandardLocation.CLASS_PATH, "", all, true)) {
                String name = standard.inferBinaryName(StandardLocation.CLASS_PATH, file);
                packages.add(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "");
            }
            for (String directory : index.packageDirectories()) packages.add(directory.replace('/', '.'));
            assertTrue(packages.size() > 100, "the test's class path should be a real one: " + packages.size());

            int files = 0;
            var wrapper = new IndexKeepingFileManager(standard);
            for (String pkg : packages) {
                var expected =
                        described(standard, standard.list(StandardLocation.CLASS_PATH, pkg, all, false), classPath);
                List<JavaFileObject> listed = index.list(pkg, all);
                assertEquals(expected, described(wrapper, listed, classPath), "package " + pkg);
                var positions = listed.stream()
                        .map(f -> jarPosition(" " + f.getName(), classPath))
                        .toList();
                assertEquals(positions.stream().sorted().toList(), positions, "class-path order in " + pkg);
                files += listed.size();
            }
            assertTrue(files > 1000, files + " files");
        }
    }

    @Test
    void theHandMadeJarsReadAsJavacReadsThem() throws Exception {
        var classPath = classPath();
        try (var standard = javacFileManager(classPath);
                var index = ClassPathIndex.build(classPath, Runtime.version())) {
            var inP = index.list("p", EnumSet.allOf(Kind.class));
            var names = inP.stream()
                    .map(JavaFileObject::getName)
                    .map(n -> n.substring(n.indexOf("(") + 1, n.length() - 1))
                    .toList();
            assertEquals(
                    List.of("/p/A.class", "/p/B.class", "/p/S.java", "/p/page.html", "/p/A.class", "/p/E.class"),
                    sortedWithinJars(names, 4),
                    "C is for a later release, D is in a jar that is not multi-release");
            assertTrue(
                    inP.subList(0, 4).stream().allMatch(f -> f.getName().startsWith(classPath.get(0) + "(")),
                    inP.toString());
            assertEquals(
                    "A for 9", text(inP.get(names.indexOf("/p/A.class"))), "the newest version not above the release");
            assertEquals(
                    List.of("p.int.K"),
                    index.list("p.int", EnumSet.of(Kind.CLASS)).stream()
                            .map(f -> ((ClassPathIndex.JarEntryFile) f).binaryName())
                            .toList());
            assertEquals(List.of(), index.list("p.1x", EnumSet.allOf(Kind.class)));
            assertEquals(List.of(), index.list("my-dir", EnumSet.allOf(Kind.class)));
            assertEquals(List.of(), index.list("p", EnumSet.of(Kind.OTHER)), "p.q.R is one package down");
            assertEquals(
                    1,
                    index.list("", EnumSet.of(Kind.OTHER)).stream()
                            .filter(f -> f.getName().endsWith("(/root.txt)"))
                            .count());

            var javacs = new ArrayList<JavaFileObject>();
            standard.list(StandardLocation.CLASS_PATH, "p", EnumSet.allOf(Kind.class), false)
                    .forEach(javacs::add);
            for (var file : inP) {
                var twin = javacs.stream()
                        .filter(j -> j.getName().equals(file.getName()))
                        .findFirst()
                        .orElseThrow();
                assertEquals(text(twin), text(file), file.getName());
                assertEquals(twin.getLastModified(), file.getLastModified(), file.getName());
                for (var kind : Kind.values()) {
                    for (String simpleName : List.of("A", "B", "S", "page", "E", "a")) {
                        assertEquals(
                                twin.isNameCompatible(simpleName, kind),
                                file.isNameCompatible(simpleName, kind),
                                file.getName() + " as " + simpleName + kind.extension);
                    }
                }
            }
            var a = inP.get(0);
            assertEquals(a, index.list("p", EnumSet.of(Kind.CLASS)).get(0));
            assertFalse(a.equals(inP.get(1)));
            assertThrows(UnsupportedOperationException.class, a::openOutputStream);
        }
    }

    /** The names of the first jar's files sorted, then the second's: within one jar javac's order is its own. */
    private static List<String> sortedWithinJars(List<String> names, int firstJarFiles) {
        var first = new ArrayList<>(names.subList(0, firstJarFiles));
        var second = new ArrayList<>(names.subList(firstJarFiles, names.size()));
        first.sort(null);
        second.sort(null);
        first.addAll(second);
        return first;
    }

    private static String text(JavaFileObject file) throws IOException {
        try (InputStream in = file.openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aDirectoryOnTheClassPathIsRefused() throws Exception {
        var classPath = List.of(jar(dir.resolve("a.jar"), false, Map.of("p/A.class", "A")), dir);
        var refused = assertThrows(
                ClassPathIndex.NotIndexable.class, () -> ClassPathIndex.build(classPath, Runtime.version()));
        assertTrue(refused.getMessage().contains(dir.toString()), refused.getMessage());
    }

    @Test
    void aFileThatIsNoJarFailsTheIndex() throws Exception {
        var notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip file");
        assertThrows(IOException.class, () -> ClassPathIndex.build(List.of(notAJar), Runtime.version()));
    }
}
