package d2l.plot;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables for the chapter's frequency lists; a notebook shows a table returned by a cell. */
public final class Tables {
    private Tables() {}

    /** The first {@code limit} entries of a frequency list as a (token, frequency) table. */
    public static Table frequencies(List<? extends Map.Entry<String, Integer>> entries, int limit) {
        return frequencies("frequencies", "token", entries, limit);
    }

    /**
     * The first {@code limit} entries of a frequency list as a table named {@code name} with
     * columns {@code keyColumn} and "frequency" (for example "bigram", "frequency").
     */
    public static Table frequencies(
            String name, String keyColumn, List<? extends Map.Entry<String, Integer>> entries, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        var top = entries.subList(0, Math.min(limit, entries.size()));
        var keys = StringColumn.create(
                keyColumn, top.stream().map(Map.Entry::getKey).toList());
        var counts = IntColumn.create(
                "frequency", top.stream().mapToInt(Map.Entry::getValue).toArray());
        return Table.create(name, keys, counts);
    }
}
