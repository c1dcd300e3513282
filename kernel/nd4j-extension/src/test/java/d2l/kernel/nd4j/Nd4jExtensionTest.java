package d2l.kernel.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.extension.KernelExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.env.EnvironmentalAction;

class Nd4jExtensionTest {
    private ClassLoader before;

    @BeforeEach
    void remember() {
        before = ND4JClassLoading.getNd4jClassloader();
    }

    @AfterEach
    void restore() {
        ND4JClassLoading.setNd4jClassloader(before);
    }

    @Test
    void nd4jLoadsThroughTheSessionsLoader() throws Exception {
        try (var session = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            new Nd4jExtension().sessionLoaderChanged(session);
            assertSame(session, ND4JClassLoading.getNd4jClassloader());

            try (var rebuilt = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
                new Nd4jExtension().sessionLoaderChanged(rebuilt);
                assertSame(rebuilt, ND4JClassLoading.getNd4jClassloader());
            }
        }
    }

    @Test
    void aSessionWithoutNd4jIsLeftAlone() throws Exception {
        try (var withoutNd4j = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            new Nd4jExtension().sessionLoaderChanged(withoutNd4j);
            assertSame(before, ND4JClassLoading.getNd4jClassloader());
        }
    }

    @Test
    void theJarNamesItsServicesToTheKernelAndToNd4j() {
        assertTrue(
                ServiceLoader.load(KernelExtension.class).stream().anyMatch(p -> p.type() == Nd4jExtension.class),
                "META-INF/services/d2l.kernel.extension.KernelExtension");
        assertTrue(
                ServiceLoader.load(EnvironmentalAction.class).stream().anyMatch(p -> p.type() == Nd4jMemoryLimit.class),
                "META-INF/services/org.nd4j.linalg.env.EnvironmentalAction");
        assertEquals("ND4J", new Nd4jExtension().name());
    }
}
