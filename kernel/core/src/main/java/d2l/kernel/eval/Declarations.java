package d2l.kernel.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * What the user has declared in a JShell session, in the order it was declared, taken so that a new
 * JShell can be given it again when the old one no longer compiles correctly. Imports, methods and
 * types are replayed from their source (declaring them runs nothing). Variables are not: their
 * values are carried over as the objects they are ({@link CarriedValues}), so no initializer (a
 * training run, a download) runs twice. A variable whose value belongs to a class declared in the
 * old session cannot be carried (the new session's class of that name is another class); it is
 * named as lost.
 */
final class Declarations {
    /** One live declaration of the old session; {@code value} only for variables. */
    private record Item(Snippet snippet, boolean wasValid, Object value, String notCarried) {}

    private final List<Item> items;

    private Declarations(List<Item> items) {
        this.items = items;
    }

    /**
     * The user's live declarations in {@code shell}, leaving out those of the start-up scripts
     * ({@code startup}, snippet ids) and the kernel's own temporary ones.
     */
    static Declarations of(JShell shell, SessionExecutionControl control, Set<String> startup) {
        var live = shell.snippets()
                .filter(s -> !startup.contains(s.id()) && shell.status(s).isActive())
                .filter(s -> s instanceof ImportSnippet
                        || s instanceof MethodSnippet
                        || s instanceof TypeDeclSnippet
                        || s instanceof VarSnippet v
                                && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                                && !FinalExpression.declared(v.name()))
                .toList();
        var sessionTypes = new ArrayList<String>();
        for (var s : live) if (s instanceof TypeDeclSnippet t) sessionTypes.add(t.name());
        var items = new ArrayList<Item>();
        for (var s : live) {
            if (!(s instanceof VarSnippet v)) {
                items.add(new Item(s, shell.status(s) == Snippet.Status.VALID, null, null));
                continue;
            }
            if (shell.status(v) != Snippet.Status.VALID) {
                items.add(new Item(v, false, null, "it was not defined"));
                continue;
            }
            Object value;
            try {
                value = control.variable(shell, v);
            } catch (ReflectiveOperationException | RuntimeException e) {
                items.add(new Item(v, true, null, "its value could not be read (" + e + ")"));
                continue;
            }
            String sessionType = sessionTypeIn(v.typeName(), sessionTypes);
            if (sessionType == null && value != null && isOfSession(value.getClass(), control.loader())) {
                sessionType = value.getClass().getSimpleName();
            }
            items.add(new Item(
                    v,
                    true,
                    value,
                    sessionType == null ? null : "its value is of " + sessionType + ", declared in the session"));
        }
        return new Declarations(items);
    }

    /** The first of {@code types} that {@code typeName} mentions, or null. */
    private static String sessionTypeIn(String typeName, List<String> types) {
        for (String type : types) {
            if (Pattern.compile("(?<![\\w$])" + Pattern.quote(type) + "(?![\\w$])")
                    .matcher(typeName)
                    .find()) return type;
        }
        return null;
    }

    private static boolean isOfSession(Class<?> type, ClassLoader sessionLoader) {
        while (type.isArray()) type = type.getComponentType();
        return type.getClassLoader() == sessionLoader;
    }

    /** How the user would name a declaration: "method twice", "class Point", "variable y". */
    private static String describe(Snippet s) {
        if (s instanceof ImportSnippet i) return "import " + i.fullname();
        if (s instanceof MethodSnippet m) return "method " + m.name();
        if (s instanceof TypeDeclSnippet t)
            return t.subKind()
                            .name()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace("_subkind", "")
                            .replace('_', ' ') + " " + t.name();
        if (s instanceof VarSnippet v) return "variable " + v.name();
        return s instanceof DeclarationSnippet d ? d.name() : s.source().strip();
    }

    /** Every declaration, by name: what a session restarted without them has lost. */
    List<String> names() {
        return items.stream().map(i -> describe(i.snippet())).toList();
    }

    /** What replaying gave: old snippet id to new snippet id, and what could not be restored. */
    record Replayed(Map<String, String> ids, List<String> lost) {}

    /** Declares everything again in {@code shell}, a fresh session with the start-up scripts run. */
    Replayed replay(JShell shell) {
        var ids = new HashMap<String, String>();
        var lost = new LinkedHashMap<String, String>();
        for (var item : items) {
            var old = item.snippet();
            if (item.notCarried() != null) {
                lost.put(describe(old), item.notCarried());
                continue;
            }
            String key = null;
            String source = old.source();
            if (old instanceof VarSnippet v) {
                key = UUID.randomUUID().toString();
                CarriedValues.put(key, item.value());
                source = v.typeName() + " " + v.name() + " = (" + v.typeName() + ") " + CarriedValues.class.getName()
                        + ".take(\"" + key + "\");";
            }
            try {
                var events = shell.eval(source);
                var made = events.stream().filter(e -> e.causeSnippet() == null).findFirst();
                if (made.isPresent()
                        && made.get().status().isActive()
                        && made.get().exception() == null) {
                    ids.put(old.id(), made.get().snippet().id());
                } else {
                    lost.put(describe(old), "it no longer compiled");
                }
            } catch (RuntimeException | StackOverflowError e) {
                lost.put(describe(old), "JShell failed on it (" + e + ")");
            } finally {
                if (key != null) CarriedValues.forget(key);
            }
        }
        // A method replayed before a type it uses is valid only once that type is there.
        for (var item : items) {
            String id = ids.get(item.snippet().id());
            if (id == null || !item.wasValid()) continue;
            shell.snippets()
                    .filter(s -> s.id().equals(id) && shell.status(s) != Snippet.Status.VALID)
                    .findFirst()
                    .ifPresent(s -> lost.putIfAbsent(describe(item.snippet()), "it depends on something not restored"));
        }
        var described = new ArrayList<String>();
        lost.forEach((what, why) -> described.add(what + " (" + why + ")"));
        return new Replayed(ids, described);
    }

    /** For messages: "a, b and c". */
    static String list(List<String> names) {
        if (names.size() <= 1) return String.join("", names);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
