package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.JavaKernel;

/** IJava's {@code getKernelInstance()} and {@code eval}, for code that names this class. */
public final class Kernel {
    private Kernel() {}

    public static JavaKernel getKernelInstance() {
        return IJava.getKernelInstance();
    }

    public static Object eval(String code) {
        return IJava.getKernelInstance().evalRaw(code);
    }
}
