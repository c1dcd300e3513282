package d2l.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.table.Relation;

/**
 * Tablesaw tables as an HTML table (every cell escaped; long tables show head and tail) plus
 * Tablesaw's own text form. No scripts, no CDN: plain HTML that JupyterLab styles itself.
 */
final class TablesawRenderer implements Renderer {
    static final int HEAD = 20;
    static final int TAIL = 5;

    @Override
    public boolean supports(Object value) {
        return value instanceof Relation;
    }

    @Override
    public MimeBundle render(Object value, Set<String> requested) {
        var table = (Relation) value;
        var data = new LinkedHashMap<String, String>();
        if (Renderers.wants(requested, MimeBundle.HTML)) data.put(MimeBundle.HTML, html(table));
        data.put(MimeBundle.TEXT, table.print(HEAD + TAIL));
        return new MimeBundle(data, Map.of());
    }

    static String html(Relation table) {
        int rows = table.rowCount();
        int cols = table.columnCount();
        var html = new StringBuilder("<table class=\"dataframe\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(Html.escape(table.name())).append("</caption>\n");
        }
        html.append("<thead><tr>");
        for (String name : table.columnNames())
            html.append("<th>").append(Html.escape(name)).append("</th>");
        html.append("</tr></thead>\n<tbody>\n");
        boolean cut = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (cut && r == HEAD) {
                html.append("<tr>");
                for (int c = 0; c < cols; c++) html.append("<td>&hellip;</td>");
                html.append("</tr>\n");
                r = rows - TAIL;
            }
            html.append("<tr>");
            for (int c = 0; c < cols; c++)
                html.append("<td>").append(Html.escape(table.getString(r, c))).append("</td>");
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p>")
                .append(rows)
                .append(" rows &times; ")
                .append(cols)
                .append(" columns</p>");
        return html.toString();
    }
}
