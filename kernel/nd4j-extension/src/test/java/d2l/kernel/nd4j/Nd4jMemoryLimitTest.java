package d2l.kernel.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The cap itself, on ND4J's CPU backend; core's MemoryLimitTest runs a kernel against it. */
class Nd4jMemoryLimitTest {
    @Test
    void theVariableSetsLibnd4jsHostLimit() {
        var environment = Nd4j.getEnvironment();
        long before = environment.getDeviceLimit(0);
        try {
            new Nd4jMemoryLimit().process("64m");
            assertEquals(64L << 20, environment.getDeviceLimit(0));
            new Nd4jMemoryLimit().process(" 2G ");
            assertEquals(2L << 30, environment.getDeviceLimit(0));
        } finally {
            environment.setDeviceLimit(0, before);
        }
    }

    @Test
    void sizesAreReadAsTheInstallerWritesThem() {
        assertEquals(65536, Nd4jMemoryLimit.bytes("65536"));
        assertEquals(1536L << 20, Nd4jMemoryLimit.bytes("1536M"));
        assertEquals(512L << 10, Nd4jMemoryLimit.bytes("512k"));
    }

    @Test
    void aBadValueNamesTheVariableAndTheForm() {
        for (String bad : new String[] {"lots", "", "0", "-1g"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Nd4jMemoryLimit.bytes(bad), bad);
            assertTrue(e.getMessage().startsWith("D2L_ND4J_MAX_BYTES='" + bad + "' is not a size"), e.getMessage());
        }
    }
}
