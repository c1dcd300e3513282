package d2l.kernel.eval;

import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * The value of a cell's expression for fewer javac tasks. JShell compiles a bare expression such as
 * {@code 1 + 1} in five tasks: a parse, two analyses that find its type (for the {@code $N} variable
 * it declares), an analysis of that declaration, and its compilation. Every task ends with JShell
 * sweeping all the classes javac has seen (about 2,500 with the chapter's imports), which is most of
 * a small cell's time. The same expression declared as {@code Object} needs three: the parse, one
 * analysis and the compilation.
 *
 * <p>JShell rejects that declaration, and runs nothing, when the expression is void, a lambda, or
 * does not compile. The session then evaluates the text as typed, so what the user sees (a void
 * call's output, JShell's own error message and position) is what it was without this.
 */
final class FinalExpression {
    /**
     * The declared variables' names start with this and end with a number, new for each: a name
     * JShell had seen before, though dropped, would make it define the same class again, which its
     * engine cannot, and compile the snippet twice. The session drops each once it has the value.
     */
    static final String PREFIX = "$d2l$value";

    private static final AtomicLong COUNT = new AtomicLong();

    private FinalExpression() {}

    /**
     * Whether {@code snippet} may be an expression whose value the cell shows: complete without an
     * added semicolon, and not ending in {@code ;} (no value shown) or <code>}</code> (a method, class
     * or block: declaring it would only fail; an expression ending so takes JShell's usual path).
     */
    static boolean worthTrying(String snippet, Completeness completeness) {
        if (completeness != Completeness.COMPLETE) return false;
        String end = snippet.stripTrailing();
        return !end.isEmpty() && !end.endsWith(";") && !end.endsWith("}");
    }

    /** A declaration that evaluates {@code expression}; the newline ends a trailing line comment. */
    static String declaration(String expression) {
        return "Object " + PREFIX + COUNT.incrementAndGet() + " = " + expression + "\n;";
    }

    /** How many characters of {@code declaration} come before the {@code expression} it declares. */
    static int prefixLength(String declaration, String expression) {
        int at = declaration.indexOf(" = ");
        return at < 0 ? 0 : at + 3;
    }

    /** Whether {@code name} is a variable {@link #declaration} made. */
    static boolean declared(String name) {
        return name.startsWith(PREFIX)
                && name.length() > PREFIX.length()
                && name.substring(PREFIX.length()).chars().allMatch(Character::isDigit);
    }
}
