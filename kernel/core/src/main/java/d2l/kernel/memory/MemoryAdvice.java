package d2l.kernel.memory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * What a student reads when a cell ran into the kernel's memory caps: which cap, how large it is,
 * that the kernel still runs, and how the cap is raised. The caps are set when the kernels are
 * installed ({@code Installer --heap} and {@code --offheap}), so a teacher can bound each student.
 */
public final class MemoryAdvice {
    /**
     * The cap on ND4J's arrays outside the heap, in the kernel's environment: the installer's
     * {@code --offheap} writes it, the chapter kernelspec's ND4J extension ({@code Nd4jMemoryLimit} in
     * kernel/nd4j-extension) applies it.
     */
    public static final String OFFHEAP_VARIABLE = "D2L_ND4J_MAX_BYTES";

    private static final String REINSTALL = "reinstall the kernels with d2l.kernel.install.Installer";

    private MemoryAdvice() {}

    /** Lines to show under the exception's first line, if the exception is one of the memory caps. */
    public static Optional<List<String>> explain(String exceptionClass, String message) {
        String text = message == null ? "" : message;
        if (text.contains("exceeds HOST device limits")
                || text.contains("maxPhysicalBytes")
                || text.contains("maxBytes")) {
            String limit = System.getenv(OFFHEAP_VARIABLE);
            return Optional.of(List.of(
                    "The cell asked ND4J for more memory than this kernel may use for arrays outside the Java heap"
                            + (limit == null
                                    ? ""
                                    : " (" + ByteSize.format(ByteSize.parse(limit)) + ", " + OFFHEAP_VARIABLE + ")")
                            + ".",
                    "The kernel is still running and your variables are kept.",
                    "Use smaller arrays or batches, free big ones (set their variables to null), or restart the kernel.",
                    "To raise the limit: " + REINSTALL + " --offheap 2g (or ask whoever runs your Jupyter)."));
        }
        if (exceptionClass.equals("java.lang.OutOfMemoryError")) {
            return Optional.of(List.of(
                    "The cell needed more Java heap than this kernel may use (" + ByteSize.format(heapLimit())
                            + ", -Xmx).",
                    "The kernel is still running and your variables are kept.",
                    "Free big objects (set their variables to null) or restart the kernel.",
                    "To raise the limit: " + REINSTALL + " --heap 2g (or ask whoever runs your Jupyter)."));
        }
        return Optional.empty();
    }

    /** The -Xmx the kernel was started with (maxMemory() reports a little less: one survivor space). */
    private static long heapLimit() {
        long limit = Runtime.getRuntime().maxMemory();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx")) {
                try {
                    limit = ByteSize.parse(arg.substring(4));
                } catch (IllegalArgumentException e) {
                    // Keep maxMemory().
                }
            }
        }
        return limit;
    }
}
