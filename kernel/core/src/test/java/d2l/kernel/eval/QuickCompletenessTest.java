package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The is_complete check that needs no JShell: brackets, literals, text blocks, comments, last token. */
class QuickCompletenessTest {
    private static String status(String code) {
        return QuickCompleteness.check(code).status();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1 + 1",
                "int x = 5;",
                "x++",
                "i--",
                "int twice(int x) {\n    return 2 * x;\n}",
                "String s = \"{ ( [\";",
                "char c = '{';",
                "char q = '\\'';",
                "String t = \"\"\"\n    a { text block\n    \"\"\";",
                "// just a comment {",
                "/* a { comment */ 1",
                "import java.util.*",
                "import java.util.*;",
                "double d = 1.",
                "double e = 1e-5",
                "%classpath /tmp/a.jar",
                "%%html\n<b>{</b>",
                "int a = 1;\n%maven g:a:1\nint b = a;",
                "list.forEach(x -> System.out.println(x));",
                "new int[] {1, 2}",
                "\"\" + \"\"",
                "",
                "   \n  ",
                "String s = \"a\\\"b\";",
                "Map<String, List<Integer>> m = new HashMap<>();",
                "do { x++; } while (x < 3);",
                "0x1.8p+1",
                "void f() { }"
            })
    void complete(String code) {
        assertEquals("complete", status(code), code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "int twice(int x) {",
                "int twice(int x) {\n    return 2 * x;",
                "foo(1,\n",
                "int[] a = {1, 2,",
                "String t = \"\"\"\n  open",
                "/* an open comment",
                "int x =",
                "x +",
                "a.",
                "list.stream()\n    .map(x ->",
                "x ->",
                "if (ready)",
                "for (int i = 0; i < 3; i++)",
                "while (true)",
                "if (x) { y(); } else",
                "try",
                "@Override",
                "class A extends",
                "new",
                "int a = 5,",
                "flag ?",
                "a &&",
                "Foo::"
            })
    void incomplete(String code) {
        assertEquals("incomplete", status(code), code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "foo())",
                "int x = 1; }",
                "(]",
                "String s = \"never closed\nnext line\";",
                "String s = \"open",
                "char c = 'a"
            })
    void invalid(String code) {
        assertEquals("invalid", status(code), code);
    }

    @Test
    void theIndentFollowsTheOpenBrackets() {
        assertEquals("    ", QuickCompleteness.check("void f() {").indent());
        assertEquals(
                "        ", QuickCompleteness.check("void f() {\n    if (x) {").indent());
    }

    @Test
    void aLongCellIsJudgedInMillisecondsTheFirstTime() {
        String cell = "int f(int x) {\n    return x * 2; // {\n}\n".repeat(200) + "String s = \"\"\"\n  a\n  \"\"\";\n";
        long start = System.nanoTime();
        var answer = QuickCompleteness.check(cell);
        long micros = (System.nanoTime() - start) / 1000;
        assertEquals("complete", answer.status());
        // Cold code on a busy machine: an idle one takes about a millisecond.
        assertTrue(micros < 50_000, micros + " us for " + cell.length() + " characters");
    }
}
