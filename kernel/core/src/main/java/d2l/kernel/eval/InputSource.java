package d2l.kernel.eval;

/**
 * Answers a cell that reads {@code System.in}: the kernel asks the front end (Jupyter's
 * input_request) and returns the line the user typed, or null for end of input.
 */
@FunctionalInterface
public interface InputSource {
    String readLine(String prompt);
}
