package d2l.kernel.runner;

import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.OutputSink;

/**
 * One kernel session as the runner sees it. In production this is the kernel's own
 * {@link d2l.kernel.eval.Session} (see {@link KernelSessions}); tests substitute a scripted one.
 * A fresh session per notebook, like a fresh kernel.
 */
public interface CellEvaluator extends AutoCloseable {
  /** Runs one cell, reporting its outputs to {@code sink} as they happen. */
  ExecuteResult execute(String code, OutputSink sink);

  @Override
  void close();

  /** Opens a session configured the way {@code kernel} would configure its kernel. */
  @FunctionalInterface
  interface Factory {
    CellEvaluator open(KernelSpec kernel);
  }
}
