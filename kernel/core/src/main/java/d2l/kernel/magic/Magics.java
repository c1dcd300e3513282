package d2l.kernel.magic;

import java.util.Map;
import java.util.TreeMap;

import d2l.kernel.display.MimeBundle;

/**
 * IJava's magics. A line magic is a line starting with {@code %name}; a cell magic is a first line
 * {@code %%name} and applies to the rest of the cell.
 */
public final class Magics {
    /** A magic taking the rest of its line. */
    @FunctionalInterface
    public interface LineMagic {
        void run(String args, MagicContext context);
    }

    /** A magic taking the rest of its line and the cell body below it. */
    @FunctionalInterface
    public interface CellMagic {
        void run(String args, String body, MagicContext context);
    }

    private final Map<String, LineMagic> line = new TreeMap<>();
    private final Map<String, CellMagic> cell = new TreeMap<>();

    public Magics() {
        LineMagic classpath = new ClasspathMagic();
        line.put("classpath", classpath);
        line.put("jars", classpath);
        new MavenMagic().register(this);
        line.put("load", new LoadMagic());
        cell.put("html", displayAs(MimeBundle.HTML));
        cell.put("markdown", displayAs(MimeBundle.MARKDOWN));
        cell.put("svg", displayAs(MimeBundle.SVG));
    }

    public void registerLine(String name, LineMagic magic) {
        line.put(name, magic);
    }

    public void registerCell(String name, CellMagic magic) {
        cell.put(name, magic);
    }

    public void runLine(String name, String args, MagicContext context) {
        var magic = line.get(name);
        if (magic == null) throw new MagicException(unknown("%" + name, "line", line.keySet().stream().map(n -> "%" + n).toList()));
        magic.run(args.strip(), context);
    }

    public void runCell(String name, String args, String body, MagicContext context) {
        var magic = cell.get(name);
        if (magic == null) throw new MagicException(unknown("%%" + name, "cell", cell.keySet().stream().map(n -> "%%" + n).toList()));
        magic.run(args.strip(), body, context);
    }

    public java.util.Set<String> lineNames() {
        return line.keySet();
    }

    public java.util.Set<String> cellNames() {
        return cell.keySet();
    }

    private static String unknown(String name, String kind, java.util.List<String> known) {
        return "Unknown " + kind + " magic " + name + ". Known " + kind + " magics: " + String.join(", ", known) + ".";
    }

    private static CellMagic displayAs(String mime) {
        return (args, body, context) -> context.sink().displayData(MimeBundle.of(mime, body, body), null);
    }
}
