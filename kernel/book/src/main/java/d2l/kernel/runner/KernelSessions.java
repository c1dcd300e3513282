package d2l.kernel.runner;

import com.google.gson.JsonObject;
import d2l.kernel.client.KernelSpec;
import d2l.kernel.eval.ExecuteOptions;
import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.OutputSink;
import d2l.kernel.eval.Session;
import d2l.kernel.eval.SessionConfig;
import d2l.kernel.widget.WidgetStateRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * Opens in-process sessions of the kernel's own evaluation code ({@link Session}), configured the
 * way the kernelspec configures its kernel: {@code IJAVA_*} variables from its env (class path,
 * compiler options, timeout, scripts), the {@code --startup} scripts of its argv, and its
 * {@code -D} system properties. The kernel's class path must already be this JVM's (run the
 * runner with the chapter kernelspec's {@code lib/*}). Where XChart is on that class path, a
 * {@link ChartWatch} tells the runner the epoch of each live training chart.
 */
public final class KernelSessions implements CellEvaluator.Factory {
    @Override
    public CellEvaluator open(KernelSpec kernel, Consumer<ChartPosition> charts) {
        kernel.systemProperties().forEach(System::setProperty);
        var env = new HashMap<>(System.getenv());
        env.putAll(kernel.env());
        var config = SessionConfig.fromEnvironment(env);
        for (var script : kernel.startupScripts()) {
            config = config.withStartupScript(read(script));
        }
        var session = Session.start(config);
        // No front end: the widgets' messages are recorded, for the executed copy's widget state.
        var widgets = new WidgetStateRecorder();
        session.comms().useTransport(widgets);
        if (KernelSessions.class.getClassLoader().getResource(ChartWatch.XCHART.replace('.', '/') + ".class") != null) {
            session.renderers().register(new ChartWatch(charts));
        }
        return new CellEvaluator() {
            @Override
            public ExecuteResult execute(String code, OutputSink sink) {
                return session.execute(code, sink, ExecuteOptions.DEFAULT);
            }

            @Override
            public JsonObject widgetState() {
                return widgets.document();
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    private static String read(Path script) {
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the kernel's start-up script " + script + ": " + e.getMessage(), e);
        }
    }
}
