package d2l.kernel.runner;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.CellError;
import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.OutputSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double for the kernel session: each line of a cell is a command (print, warn, show,
 * update, table, result, clear, fail) that reports the output a real session would. Lets the
 * runner's bookkeeping be tested without JShell.
 */
final class ScriptedEvaluator implements CellEvaluator {
  /** A 1x1 PNG, enough for an image output. */
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  final List<String> executed = new ArrayList<>();
  final KernelSpec kernel;
  boolean closed;
  private int count;

  ScriptedEvaluator(KernelSpec kernel) {
    this.kernel = kernel;
  }

  @Override
  public ExecuteResult execute(String code, OutputSink sink) {
    executed.add(code);
    count++;
    for (var line : code.split("\n")) {
      var parts = line.split(" ", 3);
      switch (parts[0]) {
        case "print" -> sink.stream("stdout", parts[1] + "\n");
        case "warn" -> sink.stream("stderr", parts[1] + "\n");
        case "show" -> sink.displayData(image(parts[2]), parts[1]);
        case "update" -> sink.updateDisplayData(image(parts[2]), parts[1]);
        case "table" -> sink.displayData(MimeBundle.of(MimeBundle.HTML,
            "<table><tr><td>the</td><td>2261</td></tr></table>", "the 2261"), null);
        case "result" -> sink.executeResult(count, MimeBundle.text(parts[1]));
        case "clear" -> sink.clearOutput(true);
        case "fail" -> {
          var error = new CellError(parts[1], parts[2],
              List.of("\u001b[31m" + parts[1] + "\u001b[0m: " + parts[2], "  at line 1"));
          sink.error(error);
          return new ExecuteResult(count, error);
        }
        default -> throw new IllegalArgumentException("unknown test command " + line);
      }
    }
    return new ExecuteResult(count, null);
  }

  private static MimeBundle image(String text) {
    var data = new LinkedHashMap<String, String>();
    data.put(MimeBundle.PNG, PNG);
    data.put(MimeBundle.TEXT, text);
    return new MimeBundle(data, Map.of());
  }

  @Override
  public void close() {
    closed = true;
  }
}
