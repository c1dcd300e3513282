package d2l.kernel.magic;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.DisplayHub;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;

/**
 * {@code %time code} and {@code %%time} (JJava's, after IPython's): runs the code as part of the cell
 * and shows how long it took, as {@code Wall time: 0.012 s} and the kernel process's CPU time over
 * the same span; the code's value is the magic's value (and the cell's).
 */
final class TimeMagic {
    Object line(List<String> args, MagicContext context) {
        if (args.isEmpty())
            throw new MagicException("%time needs code to time, e.g. %time fib(30) (or %%time as a cell's first line)");
        return time(String.join(" ", args), context);
    }

    Object cell(List<String> args, String body, MagicContext context) {
        return time(body, context);
    }

    private static Object time(String code, MagicContext context) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try {
            return context.evaluateForValue(code, "timed code");
        } finally {
            long wall = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuStart;
            String text = (cpuStart >= 0 ? "CPU time (kernel process): %.3f s%n".formatted(cpu / 1e9) : "")
                    + "Wall time: %.3f s".formatted(wall / 1e9);
            DisplayHub.display(MimeBundle.text(text), Set.of());
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return os.getProcessCpuTime();
        return -1;
    }
}
