package d2l.kernel.runner;

import com.google.gson.JsonObject;

/**
 * Receives what a running cell publishes, in the shape of Jupyter iopub messages
 * ({@code stream}, {@code display_data}, {@code update_display_data}, {@code execute_result},
 * {@code error}, {@code clear_output}), so the runner sees exactly what a front end would.
 */
@FunctionalInterface
public interface OutputSink {
  void publish(String msgType, JsonObject content);
}
