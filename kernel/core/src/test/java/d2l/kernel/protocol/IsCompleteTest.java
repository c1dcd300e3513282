package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * is_complete over real sockets from a kernel's first moment: jupyter console gives the kernel one
 * second for an answer, and after one slower answer uses its own Python-minded check for the rest of
 * its session (multi-line Java then goes line by line and fails).
 */
class IsCompleteTest {
    /** jupyter console's kernel_is_complete_timeout. */
    private static final long CONSOLE_WAITS_MILLIS = 1000;

    private record Answer(String status, long millis) {}

    private static Answer ask(LaunchedKernel kernel, String code) {
        var content = new JsonObject();
        content.addProperty("code", code);
        long start = System.nanoTime();
        var reply = kernel.shell(kernel.request("is_complete_request", content))
                .reply()
                .content();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Answer(reply.get("status").getAsString(), millis);
    }

    @Test
    void answersAtOnceFromTheFirstRequestAndLaterWithJShellsJudgement() throws Exception {
        try (var kernel = new LaunchedKernel(
                Path.of(System.getProperty("java.home"), "bin", "java").toString())) {
            // Right after kernel_info: the session may still be starting; the answers must not wait for it.
            var times = new ArrayList<Long>();
            String[][] first = {
                {"int twice(int x) {", "incomplete"},
                {"int twice(int x) {\n    return 2 * x;", "incomplete"},
                {"int twice(int x) {\n    return 2 * x;\n}", "complete"},
                {"String s = \"\"\"\n    a { text block", "incomplete"},
                {"/* a comment {", "incomplete"},
                {"int x =", "incomplete"},
                {"foo())", "invalid"},
            };
            for (String[] c : first) {
                var answer = ask(kernel, c[0]);
                assertEquals(c[1], answer.status(), c[0]);
                times.add(answer.millis());
            }
            System.out.println("is_complete from a starting kernel, ms: " + times);
            assertTrue(times.stream().allMatch(ms -> ms < CONSOLE_WAITS_MILLIS), times.toString());

            assertEquals("2", kernel.execute("1 + 1").resultText());
            times.clear();
            // With the session up, JShell also judges what the characters alone find complete.
            String[][] later = {
                {"void f()", "incomplete"},
                {"class A", "incomplete"},
                {"int y = ;", "invalid"},
                {"int twice(int x) {\n    return 2 * x;\n}", "complete"},
                {"%classpath /tmp", "complete"},
            };
            for (String[] c : later) {
                var answer = ask(kernel, c[0]);
                assertEquals(c[1], answer.status(), c[0]);
                times.add(answer.millis());
            }
            System.out.println("is_complete from a started session, ms: " + times);
            assertTrue(times.stream().allMatch(ms -> ms < CONSOLE_WAITS_MILLIS), times.toString());
        }
    }
}
