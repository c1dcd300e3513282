package io.github.spencerpark.ijava;

/**
 * IJava's entry point for notebook code, on the d2l kernel: {@code IJava.getKernelInstance()} gives
 * the running kernel (magics, renderers, class path). Written anew after IJava 1.3.0's public
 * signatures; the environment variable names are IJava's and mean the same here.
 */
public final class IJava {
    public static final String COMPILER_OPTS_KEY = "IJAVA_COMPILER_OPTS";
    public static final String TIMEOUT_DURATION_KEY = "IJAVA_TIMEOUT";
    public static final String CLASSPATH_KEY = "IJAVA_CLASSPATH";
    public static final String STARTUP_SCRIPTS_KEY = "IJAVA_STARTUP_SCRIPTS_PATH";
    public static final String STARTUP_SCRIPT_KEY = "IJAVA_STARTUP_SCRIPT";
    /** The IJava release whose notebook API this package follows. */
    public static final String VERSION = "1.3.0";

    private static final JavaKernel KERNEL = new JavaKernel();

    private IJava() {}

    /** The running kernel; its methods act on the session that runs the calling cell. */
    public static JavaKernel getKernelInstance() {
        return KERNEL;
    }
}
