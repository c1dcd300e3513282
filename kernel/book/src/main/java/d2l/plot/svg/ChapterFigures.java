package d2l.plot.svg;

import static d2l.plot.svg.Svg.Kind.INPUT;
import static d2l.plot.svg.Svg.Kind.LABEL;
import static d2l.plot.svg.Svg.Kind.LOSS;
import static d2l.plot.svg.Svg.Kind.OUTPUT;
import static d2l.plot.svg.Svg.Kind.STATE;
import static d2l.plot.svg.Svg.Stroke.FORWARD;
import static d2l.plot.svg.Svg.Stroke.GRADIENT;
import static d2l.plot.svg.Svg.matrix;
import static d2l.plot.svg.Svg.n;
import static d2l.plot.svg.Svg.predicted;
import static d2l.plot.svg.Svg.variable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chapter's diagrams, drawn from code so that they stay consistent and can be changed in one
 * place. {@code main} writes them into the notebooks' {@code img/} folder; a test checks that the
 * committed files are what this class draws. Text inside is kept to symbols and short labels.
 */
public final class ChapterFigures {
    private static final String MINUS = "\u2212";
    private static final String[] STEPS = {"t" + MINUS + "1", "t", "t+1"};

    private ChapterFigures() {}

    /** Every figure by file name (without .svg), in the chapter's order. */
    public static Map<String, String> all() {
        var figures = new LinkedHashMap<String, String>();
        figures.put("sequence-latent", latentAutoregressive());
        figures.put("rnn-hidden-state", rnnHiddenState());
        figures.put("rnn-char-lm", characterLanguageModel());
        figures.put("lm-partitioning", partitioning());
        figures.put("bptt-graph", bpttGraph());
        figures.put("bptt-truncation", truncation());
        return figures;
    }

    /** Writes every figure into {@code dir} (default: the chapter's img folder, run from the repository root). */
    public static void main(String[] args) {
        var dir = Path.of(args.length > 0 ? args[0] : "notebooks/chapter_recurrent-neural-networks/img");
        try {
            Files.createDirectories(dir);
            for (var figure : all().entrySet()) {
                var file = dir.resolve(figure.getKey() + ".svg");
                Files.writeString(file, figure.getValue(), StandardCharsets.UTF_8);
                System.out.println("wrote " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures into " + dir.toAbsolutePath(), e);
        }
    }

    /** sequence: observations feed latent states, each state predicts the next observation. */
    static String latentAutoregressive() {
        double[] cols = {120, 290, 460};
        double yo = 45, yh = 145, yx = 245, bw = 70, bh = 40, g = 3;
        String[] next = {"t", "t+1", "t+2"};
        var svg = new Svg(580, 290);
        for (int i = 0; i < 3; i++) {
            double cx = cols[i];
            svg.box(cx, yx, bw, bh, INPUT, variable("x", STEPS[i]))
                    .box(cx, yh, bw, bh, STATE, variable("h", STEPS[i]))
                    .box(cx, yo, bw, bh, OUTPUT, predicted("x", next[i]))
                    .arrow(cx, yx - bh / 2 - g, cx, yh + bh / 2 + g, FORWARD)
                    .arrow(cx, yh - bh / 2 - g, cx, yo + bh / 2 + g, FORWARD);
            if (i < 2) svg.arrow(cx + bw / 2 + g, yh, cols[i + 1] - bw / 2 - g, yh, FORWARD);
        }
        return svg.arrow(30, yh, cols[0] - bw / 2 - g, yh, FORWARD)
                .arrow(cols[2] + bw / 2 + g, yh, 550, yh, FORWARD)
                .toString();
    }

    /** rnn: three steps of X -> H -> O with the shared weight matrices on the arrows. */
    static String rnnHiddenState() {
        double[] cols = {130, 330, 530};
        double yo = 50, yh = 170, yx = 290, bw = 76, bh = 42, g = 3;
        var svg = new Svg(660, 340);
        for (int i = 0; i < 3; i++) {
            double cx = cols[i];
            svg.box(cx, yx, bw, bh, INPUT, matrix("X", STEPS[i]))
                    .box(cx, yh, bw, bh, STATE, matrix("H", STEPS[i]))
                    .box(cx, yo, bw, bh, OUTPUT, matrix("O", STEPS[i]))
                    .arrow(cx, yx - bh / 2 - g, cx, yh + bh / 2 + g, FORWARD)
                    .arrow(cx, yh - bh / 2 - g, cx, yo + bh / 2 + g, FORWARD)
                    .text(cx + 10, (yx + yh) / 2, matrix("W", "xh"), 14, "start", null, "")
                    .text(cx + 10, (yh + yo) / 2, matrix("W", "hq"), 14, "start", null, "");
            if (i < 2) {
                svg.arrow(cx + bw / 2 + g, yh, cols[i + 1] - bw / 2 - g, yh, FORWARD)
                        .text((cx + cols[i + 1]) / 2, yh - 16, matrix("W", "hh"), 14);
            }
        }
        return svg.arrow(25, yh, cols[0] - bw / 2 - g, yh, FORWARD)
                .arrow(cols[2] + bw / 2 + g, yh, 635, yh, FORWARD)
                .toString();
    }

    /** rnn: "sequence" one character per step, labels shifted by one above the outputs. */
    static String characterLanguageModel() {
        String word = "sequence";
        int steps = 7;
        double dx = 84, x0 = 56, yl = 36, yo = 116, yh = 206, yx = 296, bw = 52, bh = 36, cb = 34, g = 3;
        var svg = new Svg((int) (x0 * 2 + (steps - 1) * dx), 322);
        for (int t = 0; t < steps; t++) {
            double cx = x0 + t * dx;
            String step = String.valueOf(t + 1);
            svg.box(cx, yx, cb, cb, INPUT, String.valueOf(word.charAt(t)))
                    .box(cx, yh, bw, bh, STATE, matrix("H", step))
                    .box(cx, yo, bw, bh, OUTPUT, matrix("O", step))
                    .box(cx, yl, cb, cb, LABEL, String.valueOf(word.charAt(t + 1)))
                    .arrow(cx, yx - cb / 2 - g, cx, yh + bh / 2 + g, FORWARD)
                    .arrow(cx, yh - bh / 2 - g, cx, yo + bh / 2 + g, FORWARD)
                    .line(cx, yo - bh / 2, cx, yl + cb / 2, "#777777", 1.5, "4 3");
            if (t < steps - 1) svg.arrow(cx + bw / 2 + g, yh, cx + dx - bw / 2 - g, yh, FORWARD);
        }
        return svg.toString();
    }

    private static final String[][] BATCH = {{"#cfe2f3", "#3a6ea5"}, {"#fde2c4", "#c07020"}, {"#d9ead3", "#4f8a43"}};
    private static final String UNUSED = "#e6e6e6";
    private static final double CELL = 20, X0 = 40;

    private static void token(Svg svg, double x, double y, int token, String fill, String color) {
        svg.rect(x, y, CELL, CELL, 0, fill, "#bbbbbb", 1)
                .text(x + CELL / 2, y + CELL / 2, String.valueOf(token), 11, "middle", color, "");
    }

    private static void outline(Svg svg, double x, double y, int tokens, String stroke) {
        svg.rect(x, y, tokens * CELL, CELL, 0, "none", stroke, 2);
    }

    private static void offsetBrace(Svg svg, double y) {
        svg.path("M" + n(X0 + 1) + "," + n(y) + " v-5 h" + n(CELL - 2) + " v5", "#777777", 1.2, null, null)
                .text(X0 + CELL / 2, y - 13, variable("d", null), 13);
    }

    private static void batchNumber(Svg svg, double x, double y, int batch) {
        svg.text(x, y, String.valueOf(batch + 1), 12, "middle", BATCH[batch][1], " font-weight=\"bold\"");
    }

    /**
     * language-models-and-dataset: the toy corpus 0..34 with offset d = 1, as the notebook's
     * loaders (seed 7) cut it: random sampling on top, sequential partitioning below.
     */
    static String partitioning() {
        double y1 = 34, y2 = 124, rx = X0 + CELL, r0 = y2 + 52, r1 = r0 + CELL + 8;
        var svg = new Svg((int) (X0 * 2 + 35 * CELL), (int) (r1 + CELL + 30));
        // top: random sampling; subsequence start -> minibatch, as the loader dealt them
        Map<Integer, Integer> batchOf = new LinkedHashMap<>(Map.of(1, 2, 6, 1, 11, 2, 16, 0, 21, 1, 26, 0));
        for (int i = 0; i < 35; i++) {
            int token = i;
            var start = batchOf.keySet().stream()
                    .filter(k -> k <= token && token < k + 5)
                    .findFirst();
            if (start.isPresent()) token(svg, X0 + i * CELL, y1, i, BATCH[batchOf.get(start.get())][0], null);
            else token(svg, X0 + i * CELL, y1, i, UNUSED, "#888888");
        }
        for (int k : List.of(1, 6, 11, 16, 21, 26)) {
            outline(svg, X0 + k * CELL, y1, 5, BATCH[batchOf.get(k)][1]);
            batchNumber(svg, X0 + (k + 2.5) * CELL, y1 + CELL + 13, batchOf.get(k));
        }
        offsetBrace(svg, y1 - 3);
        // bottom: sequential partitioning into two streams of 16 tokens, minibatches of 5 steps
        for (int i = 0; i < 35; i++) {
            if (i >= 1 && i <= 32) {
                int j = (i - 1) % 16;
                token(svg, X0 + i * CELL, y2, i, j < 15 ? BATCH[j / 5][0] : "#ffffff", null);
            } else {
                token(svg, X0 + i * CELL, y2, i, UNUSED, "#888888");
            }
        }
        outline(svg, X0 + CELL, y2, 16, "#555555");
        outline(svg, X0 + 17 * CELL, y2, 16, "#555555");
        offsetBrace(svg, y2 - 3);
        // the two streams stacked as the two rows of every minibatch
        for (double[] row : new double[][] {{r0, 1}, {r1, 17}}) {
            for (int j = 0; j < 16; j++)
                token(svg, rx + j * CELL, row[0], (int) row[1] + j, j < 15 ? BATCH[j / 5][0] : "#ffffff", null);
            for (int b = 0; b < 3; b++) outline(svg, rx + b * 5 * CELL, row[0], 5, BATCH[b][1]);
        }
        for (int b = 0; b < 3; b++) batchNumber(svg, rx + (b * 5 + 2.5) * CELL, r1 + CELL + 14, b);
        // where each stream goes: the first straight down, the second round to the right end of row 1
        svg.arrow(X0 + 8.5 * CELL, y2 + CELL + 3, X0 + 8.5 * CELL, r0 - 3, FORWARD, 1.3, "4 3");
        svg.path(
                "M" + n(X0 + 25 * CELL) + "," + n(y2 + CELL + 3) + " C" + n(X0 + 25 * CELL) + "," + n(r1 + CELL / 2)
                        + " " + n(X0 + 21 * CELL) + "," + n(r1 + CELL / 2) + " " + n(rx + 16 * CELL + 4) + ","
                        + n(r1 + CELL / 2),
                Svg.INK,
                1.3,
                "4 3",
                "arrow");
        return svg.line(X0, (y1 + y2) / 2 + 8, X0 + 35 * CELL, (y1 + y2) / 2 + 8, "#dddddd", 1, null)
                .toString();
    }

    /** bptt: x -> h -> o -> l (with y) -> L over three steps, gradient paths dashed red against the flow. */
    static String bpttGraph() {
        double[] cols = {130, 320, 510};
        double yL = 40, yl = 125, yo = 210, yh = 295, yx = 380, bw = 56, bh = 38, g = 3, off = 7, cxL = cols[1];
        var svg = new Svg(640, 410);
        svg.box(cxL, yL, 60, bh, LOSS, variable("L", null));
        for (int i = 0; i < 3; i++) {
            double cx = cols[i];
            String t = String.valueOf(i + 1);
            svg.box(cx, yx, bw, bh, INPUT, variable("x", t))
                    .box(cx, yh, bw, bh, STATE, variable("h", t))
                    .box(cx, yo, bw, bh, OUTPUT, variable("o", t))
                    .box(cx, yl, bw, bh, LOSS, variable("\u2113", t))
                    .box(cx + 82, yl, 40, bh - 4, LABEL, variable("y", t))
                    .arrow(cx, yx - bh / 2 - g, cx, yh + bh / 2 + g, FORWARD)
                    .arrow(cx - off, yh - bh / 2 - g, cx - off, yo + bh / 2 + g, FORWARD)
                    .arrow(cx + off, yo + bh / 2 + g, cx + off, yh - bh / 2 - g, GRADIENT)
                    .arrow(cx - off, yo - bh / 2 - g, cx - off, yl + bh / 2 + g, FORWARD)
                    .arrow(cx + off, yl + bh / 2 + g, cx + off, yo - bh / 2 - g, GRADIENT)
                    .arrow(cx + 62, yl, cx + bw / 2 + g, yl, FORWARD)
                    .text(cx - 16, (yx + yh) / 2, variable("w", "h"), 14, "end", null, "")
                    .text(cx - 16, (yh + yo) / 2, variable("w", "o"), 14, "end", null, "");
            // l_t -> L and back: straight up for the middle step, elbows into L's sides for the others
            double top = yl - bh / 2 - g;
            if (cx == cxL) {
                svg.arrow(cx - off, top, cx - off, yL + bh / 2 + g, FORWARD)
                        .arrow(cx + off, yL + bh / 2 + g, cx + off, top, GRADIENT);
            } else {
                int side = cx < cxL ? -1 : 1;
                double xs = cxL + side * (30 + g);
                svg.path(
                                "M" + n(cx + side * off) + "," + n(top) + " V" + n(yL - off) + " H" + n(xs),
                                Svg.INK,
                                1.6,
                                null,
                                "arrow")
                        .path(
                                "M" + n(xs) + "," + n(yL + off) + " H" + n(cx - side * off) + " V" + n(top),
                                Svg.GRADIENT,
                                1.6,
                                "5 3",
                                "grad");
            }
            if (i < 2) {
                double next = cols[i + 1];
                svg.arrow(cx + bw / 2 + g, yh - off, next - bw / 2 - g, yh - off, FORWARD)
                        .arrow(next - bw / 2 - g, yh + off, cx + bw / 2 + g, yh + off, GRADIENT)
                        .text((cx + next) / 2 + 20, yh - off - 14, variable("w", "h"), 14);
            }
        }
        return svg.arrow(20, yh, cols[0] - bw / 2 - g, yh, FORWARD).toString();
    }

    /** bptt: 16 states in three rows; red arcs where the gradient flows back, dashed cuts where it stops. */
    static String truncation() {
        int steps = 16;
        double dx = 40, x0 = 40, r = 9;
        double[] rows = {45, 125, 205};
        List<Set<Integer>> cuts = List.of(Set.of(), Set.of(4, 8, 12), Set.of(2, 7, 9, 15));
        var svg = new Svg((int) (x0 * 2 + (steps - 1) * dx), 232);
        for (int row = 0; row < 3; row++) {
            double y = rows[row];
            for (int i = 0; i < steps; i++) {
                double x = x0 + i * dx;
                svg.circle(x, y, r, STATE);
                if (i == steps - 1) continue;
                svg.arrow(x + r + 2, y, x + dx - r - 3, y, FORWARD, 1.3, null);
                if (!cuts.get(row).contains(i + 1)) {
                    svg.path(
                            "M" + n(x + dx - 4) + "," + n(y - r - 1) + " Q" + n(x + dx / 2) + "," + n(y - r - 22) + " "
                                    + n(x + 4) + "," + n(y - r - 3),
                            Svg.GRADIENT,
                            1.4,
                            null,
                            "grad");
                } else {
                    svg.line(x + dx / 2, y - r - 24, x + dx / 2, y - 5, Svg.GRADIENT, 1.4, "3 3");
                }
            }
        }
        // the segment length tau under the regular truncation
        double y = rows[1];
        for (int a = 0; a < steps; a += 4) {
            double xa = x0 + a * dx - 10, xb = x0 + (a + 3) * dx + 10;
            svg.path("M" + n(xa) + "," + n(y + r + 6) + " v5 H" + n(xb) + " v-5", "#777777", 1.1, null, null)
                    .text((xa + xb) / 2, y + r + 22, "<tspan font-style=\"italic\">\u03c4</tspan>", 14);
        }
        return svg.toString();
    }
}
