package d2l.kernel.magic;

import d2l.kernel.display.MimeBundle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** A line magic with a value, as IJava's are: {@code List<String> added = %jars lib/*.jar}. */
    @FunctionalInterface
    public interface LineFunction {
        Object call(List<String> args, MagicContext context) throws Exception;
    }

    /** A cell magic with a value. */
    @FunctionalInterface
    public interface CellFunction {
        Object call(List<String> args, String body, MagicContext context) throws Exception;
    }

    private final Map<String, LineMagic> line = new TreeMap<>();
    private final Map<String, CellMagic> cell = new TreeMap<>();
    /** Magics with values (IJava's registry, {@code %jars}, {@code %time}); a name is in one map or the other. */
    private final Map<String, LineFunction> lineFunctions = new java.util.concurrent.ConcurrentSkipListMap<>();

    private final Map<String, CellFunction> cellFunctions = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Magics a notebook registered (IJava's registry): run as cell code, where the interrupt reaches them. */
    private final java.util.Set<String> userLine = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final java.util.Set<String> userCell = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Magics() {
        var classpath = new ClasspathMagic();
        lineFunctions.put("classpath", classpath::classpath);
        lineFunctions.put("jars", classpath::jars);
        var time = new TimeMagic();
        lineFunctions.put("time", time::line);
        cellFunctions.put("time", time::cell);
        new MavenMagic().register(this);
        line.put("load", new LoadMagic());
        cell.put("html", displayAs(MimeBundle.HTML));
        cell.put("markdown", displayAs(MimeBundle.MARKDOWN));
        cell.put("svg", displayAs(MimeBundle.SVG));
    }

    public void registerLine(String name, LineMagic magic) {
        line.put(name, magic);
        lineFunctions.remove(name);
        userLine.remove(name);
    }

    public void registerCell(String name, CellMagic magic) {
        cell.put(name, magic);
        cellFunctions.remove(name);
        userCell.remove(name);
    }

    /** Registers a line magic that returns a value; it replaces any magic of that name. */
    public void registerLineFunction(String name, LineFunction magic) {
        lineFunctions.put(name, magic);
        line.remove(name);
        userLine.remove(name);
    }

    /** Registers a cell magic that returns a value; it replaces any magic of that name. */
    public void registerCellFunction(String name, CellFunction magic) {
        cellFunctions.put(name, magic);
        cell.remove(name);
        userCell.remove(name);
    }

    /** Registers a line magic of the notebook's own; {@code %name} lines run it as cell code. */
    public void registerUserLine(String name, LineFunction magic) {
        registerLineFunction(name, magic);
        userLine.add(name);
    }

    /** Registers a cell magic of the notebook's own; a {@code %%name} cell runs it as cell code. */
    public void registerUserCell(String name, CellFunction magic) {
        registerCellFunction(name, magic);
        userCell.add(name);
    }

    /** Whether {@code %name} is the notebook's own magic (run as cell code: {@link InlineMagics#lineCall}). */
    public boolean isUserLine(String name) {
        return userLine.contains(name);
    }

    public boolean isUserCell(String name) {
        return userCell.contains(name);
    }

    /** Runs {@code %name args} as typed on its own line; returns the magic's value (null for most). */
    public Object runLine(String name, String args, MagicContext context) {
        if (lineFunctions.containsKey(name)) return callLine(name, MagicArgs.split(args), context);
        var magic = line.get(name);
        if (magic == null)
            throw new MagicException(unknown(
                    "%" + name, "line", lineNames().stream().map(n -> "%" + n).toList()));
        magic.run(args.strip(), context);
        return null;
    }

    public Object runCell(String name, String args, String body, MagicContext context) {
        if (cellFunctions.containsKey(name)) return callCell(name, MagicArgs.split(args), body, context);
        var magic = cell.get(name);
        if (magic == null)
            throw new MagicException(unknown(
                    "%%" + name, "cell", cellNames().stream().map(n -> "%%" + n).toList()));
        magic.run(args.strip(), body, context);
        return null;
    }

    /** Runs a line magic with its arguments already split, as {@code lineMagic(name, args)} does. */
    public Object callLine(String name, List<String> args, MagicContext context) {
        var function = lineFunctions.get(name);
        if (function == null) {
            if (!line.containsKey(name)) runLine(name, "", context); // the unknown-magic error
            line.get(name).run(MagicArgs.join(args), context);
            return null;
        }
        try {
            return function.call(List.copyOf(args), context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%" + name + ": " + e, e);
        }
    }

    /** Runs a cell magic with its arguments already split, as {@code cellMagic(name, args, body)} does. */
    public Object callCell(String name, List<String> args, String body, MagicContext context) {
        var function = cellFunctions.get(name);
        if (function == null) {
            if (!cell.containsKey(name)) runCell(name, "", body, context);
            cell.get(name).run(MagicArgs.join(args), body, context);
            return null;
        }
        try {
            return function.call(List.copyOf(args), body, context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%%" + name + ": " + e, e);
        }
    }

    public java.util.Set<String> lineNames() {
        var names = new java.util.TreeSet<>(line.keySet());
        names.addAll(lineFunctions.keySet());
        return names;
    }

    public java.util.Set<String> cellNames() {
        var names = new java.util.TreeSet<>(cell.keySet());
        names.addAll(cellFunctions.keySet());
        return names;
    }

    private static String unknown(String name, String kind, java.util.List<String> known) {
        return "Unknown " + kind + " magic " + name + ". Known " + kind + " magics: " + String.join(", ", known) + ".";
    }

    private static CellMagic displayAs(String mime) {
        return (args, body, context) -> context.sink().displayData(MimeBundle.of(mime, body, body), null);
    }
}
