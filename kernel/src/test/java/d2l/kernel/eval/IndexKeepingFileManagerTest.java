package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

class IndexKeepingFileManagerTest {
    private final List<String> forwarded = new ArrayList<>();

    /** A standard file manager that records the options it is handed (and accepts them all). */
    private StandardJavaFileManager recording() {
        return (StandardJavaFileManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        var values = new ArrayList<String>();
                        ((Iterator<?>) args[1]).forEachRemaining(v -> values.add((String) v));
                        forwarded.add(args[0] + " " + String.join(" ", values));
                        return true;
                    }
                    if (method.getName().equals("isSupportedOption")) return 1;
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
                manager.handleOption("--multi-release", List.of(String.valueOf(Runtime.version().feature())).iterator());
                var kinds = java.util.Set.of(javax.tools.JavaFileObject.Kind.CLASS);
                var listed = new ArrayList<String>();
                for (var file : manager.list(StandardLocation.CLASS_PATH, "d2l.kernel.eval", kinds, false)) {
                    listed.add(manager.inferBinaryName(StandardLocation.CLASS_PATH, file));
                }
                assertTrue(listed.contains("d2l.kernel.eval.Session"), "task " + task + " listed " + listed);
            }
        }
    }
}
