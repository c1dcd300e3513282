package d2l.train;

import d2l.data.Vocab;
import d2l.rnn.RecurrentModel;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Character-level text generation: warm up on a prefix, then repeatedly emit the most likely character. */
public final class Prediction {

    private Prediction() {}

    /** {@link #predict(String, int, RecurrentModel, ToIntFunction, IntFunction)} with a character vocabulary. */
    public static String predict(String prefix, int numPreds, RecurrentModel model, Vocab vocab) {
        if (model.vocabSize() != vocab.size()) {
            throw new IllegalArgumentException("the model has " + model.vocabSize() + " outputs but the vocabulary has "
                    + vocab.size() + " tokens; build the model with vocab.size()");
        }
        return predict(prefix, numPreds, model, vocab::index, vocab::token);
    }

    /**
     * Feeds the characters of {@code prefix} through the model (warm-up: only the state matters),
     * then appends {@code numPreds} characters, each the argmax of the model's output fed back as the
     * next input. Deterministic: the same weights always produce the same text.
     *
     * @param index maps a one-character token to its index (e.g. {@code vocab::index})
     * @param token maps an index back to its token (e.g. {@code vocab::token})
     */
    public static String predict(
            String prefix, int numPreds, RecurrentModel model, ToIntFunction<String> index, IntFunction<String> token) {
        if (prefix.isEmpty()) throw new IllegalArgumentException("the prefix must have at least one character");
        if (numPreds < 0) throw new IllegalArgumentException("numPreds must be >= 0, got " + numPreds);
        var text = new StringBuilder(prefix);
        INDArray state = model.beginState(1);
        INDArray logits = null;
        for (int i = 0; i < prefix.length(); i++) {
            logits = model.step(index.applyAsInt(String.valueOf(prefix.charAt(i))), state);
        }
        for (int i = 0; i < numPreds; i++) {
            int next = argmax(logits);
            text.append(token.apply(next));
            if (i + 1 < numPreds) logits = model.step(next, state);
        }
        return text.toString();
    }

    private static int argmax(INDArray logits) {
        double[] values = logits.toDoubleVector();
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
