package d2l.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lines IJava's inline magics rewrite, and how their arguments are split. */
class InlineMagicsTest {
    @Test
    void aMagicAfterAnEqualsSignBecomesALineMagicCall() {
        assertEquals(
                "List<String> added = lineMagic(\"jars\", java.util.List.of(\"lib/*.jar\", \"my dir/x.jar\"));",
                InlineMagics.rewrite("List<String> added = %jars lib/*.jar \"my dir/x.jar\""));
        assertEquals("x = lineMagic(\"time\", java.util.List.of(\"f(1)\"));", InlineMagics.rewrite("x =%time f(1);"));
        assertEquals(
                "int a = 1;\nvar v = lineMagic(\"m\", java.util.List.of());\nv",
                InlineMagics.rewrite("int a = 1;\nvar v = %m\nv"));
    }

    @Test
    void moduloFormatStringsAndTextBlocksAreLeftAlone() {
        for (String code : List.of(
                "int r = a % b;",
                "int r = a %b;",
                "String f = \"x = %d\";",
                "r %= 3;",
                "String.format(\"a=%s\", x);",
                "String t = \"\"\"\n    total=%d\n    \"\"\".formatted(3);",
                "%jars a.jar")) {
            assertEquals(code, InlineMagics.rewrite(code));
        }
    }

    @Test
    void argumentsSplitAsIJavaDoes() {
        assertEquals(List.of("a", "b c", "d\"e", "f\\g"), MagicArgs.split(" a \"b c\" d\\\"e f\\g "));
        assertEquals(List.of("a", "b c", "d\"e"), MagicArgs.split(MagicArgs.join(List.of("a", "b c", "d\"e"))));
        assertEquals("\"a\\\"b\\\\c\\n\"", MagicArgs.javaLiteral("a\"b\\c\n"));
    }
}
