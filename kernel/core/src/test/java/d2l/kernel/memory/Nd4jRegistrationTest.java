package d2l.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Of our classes, ND4J's memory cap is registered with ND4J by the ND4J extension alone. A second
 * registration (the kernel's own, left in target/classes by a build from before the move) names a
 * class the kernel no longer has, and ND4J then fails on its first use.
 */
class Nd4jRegistrationTest {
    @Test
    void onlyTheNd4jExtensionRegistersOurClassWithNd4j() throws Exception {
        List<URL> ours = Collections.list(getClass()
                        .getClassLoader()
                        .getResources("META-INF/services/org.nd4j.linalg.env.EnvironmentalAction"))
                .stream()
                .filter(url -> read(url).contains("d2l."))
                .toList();
        assertEquals(1, ours.size(), "registrations naming our classes: " + ours);
        String where = ours.get(0).toString();
        assertTrue(
                where.contains("nd4j-extension") || where.contains("d2l-kernel-nd4j"),
                "registered by " + where + ", not by the ND4J extension");
        for (String line : read(ours.get(0)).strip().split("\n")) {
            assertDoesNotThrow(
                    () -> Class.forName(line.strip(), false, getClass().getClassLoader()), line);
        }
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
