package d2l.kernel.runner;

import d2l.kernel.eval.ExecuteOptions;
import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.OutputSink;
import d2l.kernel.eval.Session;
import d2l.kernel.eval.SessionConfig;
import java.util.HashMap;

/**
 * Opens in-process sessions of the kernel's own evaluation code ({@link Session}), configured
 * from the kernelspec's environment exactly as the kernel configures itself: class path, compiler
 * options and start-up scripts come from its {@code IJAVA_*} variables.
 */
public final class KernelSessions implements CellEvaluator.Factory {
  @Override
  public CellEvaluator open(KernelSpec kernel) {
    var env = new HashMap<>(System.getenv());
    env.putAll(kernel.env());
    var session = Session.start(SessionConfig.fromEnvironment(env));
    return new CellEvaluator() {
      @Override
      public ExecuteResult execute(String code, OutputSink sink) {
        return session.execute(code, sink, ExecuteOptions.DEFAULT);
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }
}
