package d2l.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExerciseTest {
    static final Text RIGHT = new Text("all right", "đúng hết");
    static final Text HINT = new Text("try again", "thử lại");

    @Test
    void aPassingAnswerEarnsItsPointsAndSaysWhatIsRight() {
        var check = Exercise.check("ex", 2, RIGHT, HINT, () -> {});
        assertTrue(check.passed());
        assertEquals(2, check.points());
        assertEquals("Correct: all right", check.message("en"));
        assertEquals("Đúng: đúng hết", check.message("vi"));
        assertEquals("2", check.bundle("en").get("text/plain"), "nbgrader reads the points from text/plain");
    }

    @Test
    void aStubSaysNotDoneYetAndScoresZero() {
        var check = Exercise.check("ex", 1, RIGHT, HINT, () -> {
            throw Exercise.notDone();
        });
        assertEquals(Check.Status.NOT_DONE, check.status());
        assertEquals("0", check.bundle("en").get("text/plain"));
        assertTrue(check.message("en").startsWith("Not done yet"), check.message("en"));
        assertTrue(check.message("vi").startsWith("Chưa làm"), check.message("vi"));
    }

    @Test
    void aWrongAnswerSaysWhatIsWrongAndHints() {
        var check = Exercise.check(
                "ex",
                1,
                RIGHT,
                HINT,
                () -> Exercise.require(
                        1 + 1 == 3, new Text("1 + 1 gave 2", "1 + 1 cho 2"), new Text("think of 3", "nghĩ tới 3")));
        assertFalse(check.passed());
        assertEquals("Not yet right: 1 + 1 gave 2. Hint: think of 3", check.message("en"));
        assertEquals("Chưa đúng: 1 + 1 cho 2. Gợi ý: nghĩ tới 3", check.message("vi"));
    }

    @Test
    void anExceptionFromTheAnswerIsReportedKindlyWithTheCheckHint() {
        var check = Exercise.check("ex", 1, RIGHT, HINT, () -> {
            int[] a = new int[1];
            a[2] = 1;
        });
        assertEquals(Check.Status.WRONG, check.status());
        assertTrue(
                check.message("en")
                        .contains("your code threw ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 1"),
                check.message("en"));
        assertTrue(check.message("en").endsWith("Hint: try again"), check.message("en"));
        var overflow = Exercise.check("ex", 1, RIGHT, HINT, ExerciseTest::recurse);
        assertTrue(overflow.message("en").contains("called itself without end"), overflow.message("en"));
    }

    private static void recurse() {
        recurse();
    }

    @Test
    void anAnswerThatNeverEndsIsStoppedAtTheTimeLimit() {
        long start = System.nanoTime();
        var check = Exercise.check(
                "ex",
                1,
                RIGHT,
                HINT,
                () -> {
                    while (true) Thread.onSpinWait();
                },
                Duration.ofMillis(300));
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "the check returned at its time limit");
        assertTrue(
                check.message("en").contains("your code ran for more than 0.3 s on a hidden case and was stopped"),
                check.message("en"));
        assertTrue(check.message("vi").contains("mã của bạn chạy quá 0.3 giây"), check.message("vi"));
        assertTrue(check.message("en").contains("Hint: look for a loop"), check.message("en"));
    }

    @Test
    void checksPrintNothing() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(new PrintStream(out));
        System.setErr(new PrintStream(err));
        try {
            Exercise.check("ex", 1, RIGHT, HINT, () -> {
                throw new IllegalStateException("boom");
            });
            RnnExercises.perplexity(p -> {
                throw new ArithmeticException();
            });
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals("", out.toString() + err.toString(), "a check cell must not write to stdout or stderr itself");
    }

    @Test
    void theOutputCarriesBothLanguagesInItsMetadata() {
        var check = Exercise.check("ex", 1, RIGHT, HINT, () -> {});
        @SuppressWarnings("unchecked")
        var translations = (Map<String, Map<String, String>>)
                ((Map<String, Object>) check.mimeMetadata().get("d2l")).get("translations");
        assertTrue(translations.get("en").get("text/html").contains("Correct: all right"));
        assertTrue(translations.get("vi").get("text/html").contains("Đúng: đúng hết"));
        assertEquals("1", translations.get("vi").get("text/plain"));
    }

    @Test
    void theLanguageComesFromThePropertyTheVariableOrAViFolder() {
        assertEquals("vi", Language.choose("vi", null, Path.of("/x")));
        assertEquals("en", Language.choose("en", "vi", Path.of("/x/vi")), "the property wins");
        assertEquals("vi", Language.choose(null, "vi_VN", Path.of("/x")));
        assertEquals(
                "vi", Language.choose(null, null, Path.of("/work/notebooks/vi/chapter_recurrent-neural-networks")));
        assertEquals("en", Language.choose(null, "", Path.of("/work/notebooks/chapter_recurrent-neural-networks")));
        assertEquals(
                "en",
                Language.choose(null, null, Path.of("/work/video/notebooks")),
                "only a whole segment named vi counts");
    }

    @Test
    void theSectionChecksPassRightAnswersAndCatchCommonMistakes() {
        assertTrue(RnnExercises.perplexity(
                        p -> Math.exp(-Arrays.stream(p).map(Math::log).average().orElseThrow()))
                .passed());
        var wrong = RnnExercises.perplexity(
                p -> Arrays.stream(p).map(v -> Math.exp(-Math.log(v))).average().orElseThrow());
        assertFalse(wrong.passed());
        assertTrue(wrong.message("en").contains("Hint: perplexity = exp"), wrong.message("en"));

        assertTrue(BpttExercises.fullGradient((w, x) -> BpttExercises.truncated(w, x, x.length))
                .passed());
        var lastStepOnly = BpttExercises.fullGradient((w, x) -> BpttExercises.truncated(w, x, 1));
        assertFalse(lastStepOnly.passed());
        assertTrue(lastStepOnly.message("en").contains("finite differences give"), lastStepOnly.message("en"));

        assertTrue(LanguageModelExercises.subsequenceStarts(
                        (n, s, o) -> java.util.stream.IntStream.iterate(o, i -> i + s <= n - 1, i -> i + s)
                                .toArray())
                .passed());
        var oneTooMany = LanguageModelExercises.subsequenceStarts(
                (n, s, o) -> java.util.stream.IntStream.iterate(o, i -> i + s <= n, i -> i + s)
                        .toArray());
        assertTrue(oneTooMany.message("en").contains("no room for its labels"), oneTooMany.message("en"));

        assertTrue(RnnConciseExercises.parameterCount((v, h) -> (long) v * h * 2 + (long) h * h + h + v)
                .passed());
        var noBias = RnnConciseExercises.parameterCount((v, h) -> (long) v * h * 2 + (long) h * h);
        assertTrue(noBias.message("en").contains("left out the two bias vectors"), noBias.message("en"));
    }

    /** The mistakes the nucleus check should name. */
    enum Mistake {
        NONE,
        MORE_THAN_P,
        ALL_TIES,
        NOT_RENORMALISED,
        PAST_THE_END
    }

    /** Nucleus sampling, right or with one mistake. */
    static int topP(double[] probs, double p, Random rng, Mistake mistake) {
        Integer[] order = new Integer[probs.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
        int kept = 0;
        double total = 0;
        while ((kept < order.length || mistake == Mistake.PAST_THE_END)
                && (mistake == Mistake.MORE_THAN_P ? total <= p : total < p)) total += probs[order[kept++]];
        while (mistake == Mistake.ALL_TIES && kept < order.length && probs[order[kept]] == probs[order[kept - 1]])
            total += probs[order[kept++]];
        double u = rng.nextDouble() * (mistake == Mistake.NOT_RENORMALISED ? 1 : total);
        for (int k = 0; k < kept; k++) {
            u -= probs[order[k]];
            if (u < 0) return order[k];
        }
        return order[kept - 1];
    }

    static Check nucleus(Mistake mistake) {
        return RnnScratchExercises.nucleusSampling((probs, p, rng) -> topP(probs, p, rng, mistake));
    }

    @Test
    void theNucleusCheckPassesTheRightAnswerAndNamesEachMistake() {
        assertTrue(nucleus(Mistake.NONE).passed(), nucleus(Mistake.NONE).message("en"));

        var moreThanP = nucleus(Mistake.MORE_THAN_P).message("en");
        assertTrue(moreThanP.contains("p = 0.75") && moreThanP.contains("index 0 came up"), moreThanP);
        assertTrue(moreThanP.contains("stop adding as soon as it equals p"), moreThanP);

        var allTies = nucleus(Mistake.ALL_TIES);
        assertTrue(
                allTies.message("en").contains("p = 0.8")
                        && allTies.message("en").contains("index 2 came up"),
                allTies.message("en"));
        assertTrue(allTies.message("en").contains("among equal probabilities the lower index"), allTies.message("en"));
        assertTrue(allTies.message("vi").contains("giữa các xác suất bằng nhau"), allTies.message("vi"));

        var notRenormalised = nucleus(Mistake.NOT_RENORMALISED).message("en");
        assertTrue(notRenormalised.contains("renormalised over the nucleus its probability is"), notRenormalised);
        assertTrue(notRenormalised.contains("divide the kept probabilities"), notRenormalised);

        var pastTheEnd = nucleus(Mistake.PAST_THE_END).message("en");
        assertTrue(pastTheEnd.contains("your code threw ArrayIndexOutOfBoundsException"), pastTheEnd);
        assertTrue(pastTheEnd.contains("stop at the last index"), pastTheEnd);

        var ownRandom = RnnScratchExercises.nucleusSampling(
                        (probs, p, rng) -> topP(probs, p, new Random(), Mistake.NONE))
                .message("en");
        assertTrue(ownRandom.contains("the same seed gave different draws"), ownRandom);

        var ignoresP = RnnScratchExercises.nucleusSampling((probs, p, rng) -> topP(probs, 1, rng, Mistake.NONE))
                .message("en");
        assertTrue(
                ignoresP.contains("outside the nucleus") && ignoresP.contains("keep only the most likely"), ignoresP);

        var greedy = RnnScratchExercises.nucleusSampling((probs, p, rng) -> topP(probs, 1e-12, rng, Mistake.NONE))
                .message("en");
        assertTrue(greedy.contains("index 3 never came up in 20000 draws"), greedy);
        assertTrue(greedy.contains("does not reach p alone here"), greedy);

        var sameDraw = RnnScratchExercises.nucleusSampling(
                        (probs, p, rng) -> topP(probs, p, new Random(0), Mistake.NONE))
                .message("en");
        assertTrue(sameDraw.contains("every draw gave index 3: draw a new number from rng"), sameDraw);

        var stopsShort = RnnScratchExercises.nucleusSampling((probs, p, rng) -> topP(probs, p * 0.9, rng, Mistake.NONE))
                .message("en");
        assertTrue(
                stopsShort.contains("index 4 never came up") && stopsShort.contains("makes the sum reach p"),
                stopsShort);

        var tieAtTheTop = RnnScratchExercises.nucleusSampling(
                        (probs, p, rng) -> p < 1e-6 ? 3 : topP(probs, p, rng, Mistake.NONE))
                .message("en");
        assertTrue(
                tieAtTheTop.contains("p = 1.0E-9") && tieAtTheTop.contains("index 3 came up 20000 times"), tieAtTheTop);
        assertTrue(tieAtTheTop.contains("among equal probabilities the lower index"), tieAtTheTop);
    }
}
