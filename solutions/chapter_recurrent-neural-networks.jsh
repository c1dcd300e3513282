// Solutions of the chapter's checked exercises, for teachers. Each block replaces the stub
// ("// YOUR CODE HERE" and "throw Exercise.notDone();") of the answer cell whose nbgrader
// grade_id it names, in both editions. `SolutionsEdition` writes the solutions edition from the
// committed notebooks and these blocks (see docs/classroom.md); do not link this file from a notebook.

//// index-markov-chain
double p = initial[states[0]];
for (int t = 1; t < states.length; t++) {
    p *= transition[states[t - 1]][states[t]];
}
return p;

//// index-autocorrelation
double mean = Arrays.stream(x).average().orElseThrow();
double numerator = 0, denominator = 0;
for (int t = 0; t < x.length; t++) denominator += (x[t] - mean) * (x[t] - mean);
for (int t = 0; t + lag < x.length; t++) numerator += (x[t] - mean) * (x[t + lag] - mean);
return numerator / denominator;

//// sequence-lagged-features
var rows = new double[x.length - tau][];
for (int t = 0; t < rows.length; t++) {
    rows[t] = Arrays.copyOfRange(x, t, t + tau);
}
return rows;

//// sequence-k-step
var window = Arrays.copyOfRange(history, history.length - tau, history.length);
double prediction = Double.NaN;
for (int step = 0; step < k; step++) {
    prediction = model.applyAsDouble(window.clone());
    System.arraycopy(window, 1, window, 0, tau - 1);
    window[tau - 1] = prediction;
}
return prediction;

//// text-word-tokens
var cleaned = line.replaceAll("[^A-Za-z]+", " ").strip().toLowerCase();
return cleaned.isEmpty() ? List.of() : List.of(cleaned.split(" "));

//// text-vocabulary
var counts = new LinkedHashMap<String, Integer>();
for (var token : tokens) counts.merge(token, 1, Integer::sum);
var vocabulary = new ArrayList<String>();
vocabulary.add("<unk>");
counts.entrySet().stream()
        .filter(e -> e.getValue() >= minFreq)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> vocabulary.add(e.getKey()));
return vocabulary;

//// lm-laplace-bigram
double pair = bigrams.getOrDefault(a + " " + b, 0);
double first = unigrams.getOrDefault(a, 0);
return (pair + alpha) / (first + alpha * unigrams.size());

//// lm-subsequence-starts
int count = (corpusLength - offset - 1) / numSteps;
var starts = new int[count];
for (int i = 0; i < count; i++) starts[i] = offset + i * numSteps;
return starts;

//// rnn-perplexity
double meanNegativeLog = Arrays.stream(probsOfTrueTokens).map(p -> -Math.log(p)).average().orElseThrow();
return Math.exp(meanNegativeLog);

//// rnn-step
var sum = x.mmul(wXh).add(h.mmul(wHh)).addRowVector(bH);
return org.nd4j.linalg.ops.transforms.Transforms.tanh(sum, false);

//// rnn-scratch-clip
double squares = 0;
for (var g : grads) squares += g.mul(g).sumNumber().doubleValue();
double norm = Math.sqrt(squares);
if (norm > theta) {
    for (var g : grads) g.muli(theta / norm);
}

//// rnn-scratch-nucleus
Integer[] order = new Integer[probs.length];
for (int i = 0; i < order.length; i++) order[i] = i;
Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));   // most likely first; the sort is stable, so ties stay in index order
int kept = 0;
double total = 0;
while (kept < order.length && total < p) total += probs[order[kept++]];   // all of them if rounding keeps the sum below p = 1
double u = rng.nextDouble() * total;   // uniform over the kept probability: the same as renormalising
for (int k = 0; k < kept; k++) {
    u -= probs[order[k]];
    if (u < 0) return order[k];
}
return order[kept - 1];   // u left over by rounding

//// rnn-concise-one-hot
int batch = minibatch.length, steps = minibatch[0].length;
var encoded = Nd4j.zeros(DataType.FLOAT, steps, batch, vocabSize);
for (int b = 0; b < batch; b++) {
    for (int t = 0; t < steps; t++) encoded.putScalar(new int[] {t, b, minibatch[b][t]}, 1);
}
return encoded;

//// rnn-concise-parameters
long v = vocabSize, h = numHiddens;
return v * h + h * h + h      // recurrent layer: W_xh, W_hh, b_h
        + h * v + v;          // output layer: W_hq, b_q

//// bptt-full-gradient
var h = new double[x.length + 1];   // h[0] = 0
for (int t = 1; t <= x.length; t++) h[t] = Math.tanh(w * h[t - 1] + x[t - 1]);
double g = 1, grad = 0;   // g = dL/dh_t, starting from L = h_T
for (int t = x.length; t >= 1; t--) {
    double a = g * (1 - h[t] * h[t]);   // dL/d(pre-activation at t)
    grad += a * h[t - 1];
    g = a * w;
}
return grad;

//// bptt-truncated-gradient
var h = new double[x.length + 1];
for (int t = 1; t <= x.length; t++) h[t] = Math.tanh(w * h[t - 1] + x[t - 1]);
double g = 1, grad = 0;   // g = dL/dh_t
for (int t = x.length; t > x.length - k; t--) {
    double a = g * (1 - h[t] * h[t]);   // dL/d(pre-activation at t)
    grad += a * h[t - 1];
    g = a * w;
}
return grad;
