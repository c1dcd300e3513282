package d2l.kernel.nd4j;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.env.EnvironmentalAction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Caps the memory ND4J's arrays take outside the Java heap at {@value #VARIABLE} bytes. ND4J calls
 * this while it initialises (it finds it through {@code META-INF/services}), so a kernel that never
 * touches ND4J never loads it.
 *
 * <p>JavaCPP's {@code org.bytedeco.javacpp.maxbytes} does not bound ND4J 1.0.0-M2's arrays (they are
 * allocated by libnd4j, not by JavaCPP), and libnd4j's own {@code SD_MAX_PRIMARY_BYTES} was not
 * enforced either when we tried; libnd4j's per-device limit is.
 */
public final class Nd4jMemoryLimit implements EnvironmentalAction {
    /**
     * Environment variable with the limit, e.g. {@code 1g}; the installer's {@code --offheap} sets it
     * (and JavaCPP's {@code maxbytes} to the same value).
     */
    public static final String VARIABLE = "D2L_ND4J_MAX_BYTES";
    /** The CPU backend counts host allocations under device 0. */
    private static final int CPU_DEVICE = 0;

    @Override
    public String targetVariable() {
        return VARIABLE;
    }

    @Override
    public void process(String value) {
        Nd4j.getEnvironment().setDeviceLimit(CPU_DEVICE, bytes(value));
    }

    /** As JavaCPP reads its {@code maxbytes}: {@code 512m}, {@code 2g}, a number of bytes. */
    static long bytes(String value) {
        try {
            long bytes = Pointer.parseBytes(value.strip(), 0);
            if (bytes > 0) return bytes;
        } catch (NumberFormatException e) {
            // Explained below.
        }
        throw new IllegalArgumentException(
                VARIABLE + "='" + value + "' is not a size; write it like 512m, 2g or a number of bytes");
    }
}
