package d2l.exercise;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checked exercises: a check runs the reader's answer on hidden cases, on a thread of its own with
 * a time limit, and turns whatever happens (a pass, a wrong value, an exception, a stub not yet
 * filled in, a loop that never ends) into one {@link Check}: a sentence that says what is right or
 * wrong and gives a hint. A check never throws and never prints, so a check cell has no error and
 * no stderr output (nbgrader scores such a cell 0).
 *
 * <pre>{@code
 * double perplexity(double[] p) {
 *     // YOUR CODE HERE
 *     throw Exercise.notDone();
 * }
 * RnnExercises.perplexity(p -> perplexity(p))   // the check cell
 * }</pre>
 */
public final class Exercise {
    /** How long the hidden cases of one check may run. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private Exercise() {}

    /** What a stub throws until the reader writes the answer: {@code throw Exercise.notDone();}. */
    public static NotDone notDone() {
        return new NotDone();
    }

    /** Thrown by an answer stub: the exercise is not done yet. */
    public static final class NotDone extends RuntimeException {
        NotDone() {
            super("exercise not done yet: replace `throw Exercise.notDone();` with your answer", null, false, false);
        }
    }

    /** Thrown by a hidden case that got a wrong answer: what is wrong, and a hint. */
    public static final class Wrong extends RuntimeException {
        final Text what;
        final Text hint;

        Wrong(Text what, Text hint) {
            super(what.en(), null, false, false);
            this.what = what;
            this.hint = hint;
        }
    }

    /** The body of a check: the hidden cases, which call the reader's answer. */
    @FunctionalInterface
    public interface Cases {
        void run() throws Exception;
    }

    /** Fails the check with {@code what} and {@code hint} unless {@code ok}. */
    public static void require(boolean ok, Text what, Text hint) {
        if (!ok) throw new Wrong(what, hint);
    }

    /** Whether two numbers agree to a relative (and, near zero, absolute) tolerance. */
    public static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) return Double.isNaN(expected) && Double.isNaN(actual);
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) return expected == actual;
        return Math.abs(expected - actual) <= tolerance * Math.max(1, Math.abs(expected));
    }

    /**
     * Runs {@code cases} within {@link #TIME_LIMIT} and reports: {@code right} when they all pass,
     * else what went wrong, with {@code hint} for an exception the answer threw.
     */
    public static Check check(String gradeId, double points, Text right, Text hint, Cases cases) {
        return check(gradeId, points, right, hint, cases, TIME_LIMIT);
    }

    static Check check(String gradeId, double points, Text right, Text hint, Cases cases, Duration limit) {
        var task = new FutureTask<Void>(() -> {
            cases.run();
            return null;
        });
        var worker = new Thread(task, "exercise " + gradeId);
        worker.setDaemon(true); // An answer that ignores interrupts must not keep the kernel alive.
        worker.start();
        try {
            task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return Check.passed(gradeId, points, right);
        } catch (TimeoutException e) {
            task.cancel(true);
            return Check.failed(
                    gradeId,
                    points,
                    Messages.TIMEOUT.formatted(
                            limit.toMillis() % 1000 == 0
                                    ? String.valueOf(limit.toSeconds())
                                    : String.valueOf(limit.toMillis() / 1000.0)),
                    Messages.TIMEOUT_HINT);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return Check.failed(gradeId, points, Messages.INTERRUPTED, Messages.INTERRUPTED_HINT);
        } catch (ExecutionException e) {
            return explain(gradeId, points, hint, e.getCause());
        }
    }

    private static Check explain(String gradeId, double points, Text hint, Throwable thrown) {
        if (thrown instanceof NotDone) return Check.notDone(gradeId, points);
        if (thrown instanceof Wrong wrong) return Check.failed(gradeId, points, wrong.what, wrong.hint);
        var method = methodInTheAnswer(thrown);
        var where = method == null ? new Text("", "") : Messages.WHERE.formatted(method);
        var message = thrown.getMessage() == null ? "" : ": " + thrown.getMessage();
        Text what;
        if (thrown instanceof StackOverflowError) {
            what = both(Messages.STACK_OVERFLOW, where);
        } else if (thrown.getClass().getSimpleName().equals("SPIResolutionException")) {
            what = both(Messages.UNRESOLVED, where); // JShell: the answer names something undeclared.
        } else {
            var name = thrown.getClass().getSimpleName();
            what = new Text(
                    Messages.THREW.en().formatted(name, message, where.en()),
                    Messages.THREW.vi().formatted(name, message, where.vi()));
        }
        return Check.failed(gradeId, points, what, hint);
    }

    private static Text both(Text sentence, Text where) {
        return new Text(sentence.en().formatted(where.en()), sentence.vi().formatted(where.vi()));
    }

    /**
     * The reader's method the exception came from, as JShell names it ("perplexityOf"), or null.
     * JShell's line numbers count the kernel's wrapping too, so they are left out.
     */
    static String methodInTheAnswer(Throwable thrown) {
        for (var frame : thrown.getStackTrace()) {
            var cls = frame.getClassName();
            if (cls.startsWith("REPL.") || cls.contains("$JShell$")) return frame.getMethodName();
        }
        return null;
    }
}
