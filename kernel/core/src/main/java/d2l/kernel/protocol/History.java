package d2l.kernel.protocol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The inputs of this kernel's cells, for history_request: tail, range and glob search. Only the
 * current session is kept (session number {@value #SESSION}); Jupyter asks for session 0 or a
 * negative number to mean "current".
 */
final class History {
    static final int SESSION = 1;

    record Entry(int session, int line, String input) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(SESSION, line, input));
    }

    synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /** Lines {@code start <= line < stop} (stop 0 or less: to the end). */
    synchronized List<Entry> range(int session, int start, int stop) {
        if (session > 0 && session != SESSION) return List.of();
        return entries.stream()
                .filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop))
                .toList();
    }

    /** Inputs matching a glob ({@code *} and {@code ?}), the last {@code n} (all if n is 0 or less). */
    synchronized List<Entry> search(String glob, int n, boolean unique) {
        var regex = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        var matches =
                entries.stream().filter(e -> regex.matcher(e.input()).matches()).toList();
        if (unique) {
            var seen = new LinkedHashSet<String>();
            var kept = new ArrayList<Entry>();
            for (int i = matches.size() - 1; i >= 0; i--)
                if (seen.add(matches.get(i).input())) kept.add(0, matches.get(i));
            matches = kept;
        }
        return n > 0 ? matches.subList(Math.max(0, matches.size() - n), matches.size()) : matches;
    }

    static String globToRegex(String glob) {
        var regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
