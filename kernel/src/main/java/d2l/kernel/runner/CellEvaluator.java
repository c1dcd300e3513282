package d2l.kernel.runner;

/**
 * One kernel session as the runner sees it: the kernel's own evaluation and display code,
 * without ZMQ. A fresh session per notebook, like a fresh kernel.
 */
public interface CellEvaluator extends AutoCloseable {
  /**
   * Runs one cell's source, publishing its outputs to {@code sink} as iopub messages.
   *
   * @return true if the cell succeeded; false if it failed (its {@code error} already published)
   */
  boolean execute(String code, int executionCount, OutputSink sink);

  @Override
  void close();

  /** Opens a session configured the way {@code kernel} would configure its kernel. */
  @FunctionalInterface
  interface Factory {
    CellEvaluator open(KernelSpec kernel);
  }
}
