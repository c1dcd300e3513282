package d2l.kernel.memory;

import java.util.Locale;

/** Sizes as the JVM writes them: {@code 512m}, {@code 2g}, {@code 1536M}, {@code 65536} (bytes). */
public final class ByteSize {
    private ByteSize() {}

    /** @throws IllegalArgumentException naming the value and the accepted forms */
    public static long parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        long unit =
                switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    case 't' -> 1L << 40;
                    default -> 1;
                };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long value = Long.parseLong(digits);
            if (value > 0) return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            // Explained below.
        }
        throw new IllegalArgumentException("'" + text + "' is not a size; write it like 512m, 2g or a number of bytes");
    }

    /** {@code 1.5 GiB}, {@code 768 MiB}. */
    public static String format(long bytes) {
        if (bytes >= 1L << 30) {
            double gib = bytes / (double) (1L << 30);
            return (gib == Math.rint(gib) ? String.valueOf((long) gib) : String.format(Locale.ROOT, "%.1f", gib))
                    + " GiB";
        }
        return Math.round(bytes / (double) (1L << 20)) + " MiB";
    }
}
