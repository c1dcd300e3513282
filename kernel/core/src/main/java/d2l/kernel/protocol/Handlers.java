package d2l.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.CellError;
import d2l.kernel.eval.CodeAnalysis;
import d2l.kernel.eval.ExecuteOptions;
import d2l.kernel.eval.Interpreter;
import d2l.kernel.eval.OutputSink;
import d2l.kernel.eval.Stdio;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** What the kernel answers to each request type. Every reply carries {@code status}. */
public final class Handlers implements RequestHandler {
    private final CompletableFuture<? extends Interpreter> session;
    private final History history = new History();
    private final IdleCollector idle;

    /** Where a silent cell's outputs go. */
    private static final OutputSink NOTHING = new OutputSink() {
        @Override
        public void stream(String name, String text) {}

        @Override
        public void displayData(MimeBundle bundle, String displayId) {}

        @Override
        public void updateDisplayData(MimeBundle bundle, String displayId) {}

        @Override
        public void executeResult(int executionCount, MimeBundle bundle) {}

        @Override
        public void error(CellError error) {}

        @Override
        public void clearOutput(boolean wait) {}
    };

    /** @param session completes once the JShell session has started (it warms up while sockets open) */
    public Handlers(CompletableFuture<? extends Interpreter> session) {
        this(session, IdleCollector.fromSystemProperty());
    }

    Handlers(CompletableFuture<? extends Interpreter> session, IdleCollector idle) {
        this.session = session;
        this.idle = idle;
        // Starting the session grew the heap too; give it back while the user reads.
        session.thenRun(idle::sessionStarted);
    }

    @Override
    public void handle(RequestContext channel, Message request) {
        switch (request.type()) {
            case "kernel_info_request" -> channel.reply(request, "kernel_info_reply", kernelInfo());
            case "execute_request" -> {
                idle.cellStarting();
                try {
                    execute(channel, request);
                } finally {
                    idle.cellEnded();
                }
            }
            case "complete_request" -> channel.reply(request, "complete_reply", complete(request.content()));
            case "inspect_request" -> channel.reply(request, "inspect_reply", inspect(request.content()));
            case "is_complete_request" -> channel.reply(request, "is_complete_reply", isComplete(request.content()));
            case "history_request" -> channel.reply(request, "history_reply", history(request.content()));
            case "comm_info_request" ->
                channel.reply(request, "comm_info_reply", ok(json -> json.add("comms", new JsonObject())));
            case "interrupt_request" -> {
                if (session.isDone()) session().interrupt();
                channel.reply(request, "interrupt_reply", ok(json -> {}));
            }
            case "shutdown_request" -> {
                boolean restart = request.content().has("restart")
                        && request.content().get("restart").getAsBoolean();
                if (session.isDone()) session().interrupt();
                channel.reply(request, "shutdown_reply", ok(json -> json.addProperty("restart", restart)));
                channel.shutdown();
            }
            case "comm_open" -> {
                // No comm targets are registered; the protocol answers an unknown target with a close.
                var close = new JsonObject();
                close.add("comm_id", request.content().get("comm_id"));
                close.add("data", new JsonObject());
                channel.publish("comm_close", request, close);
            }
            case "comm_msg", "comm_close" -> {
                /* no comms are ever open */
            }
            default -> Stdio.log().println("Ignoring unsupported " + request.type());
        }
    }

    private Interpreter session() {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the session started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The Java session failed to start: " + e.getCause(), e.getCause());
        }
    }

    private void execute(RequestContext channel, Message request) {
        var content = request.content();
        String code = content.has("code") ? content.get("code").getAsString() : "";
        boolean silent = flag(content, "silent", false);
        boolean store = flag(content, "store_history", !silent) && !silent;
        boolean stopOnError = flag(content, "stop_on_error", true);
        var s = session();
        if (!silent) {
            var input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", s.executionCount() + (store ? 1 : 0));
            channel.publish("execute_input", request, input);
        }
        d2l.kernel.eval.InputSource input =
                flag(content, "allow_stdin", false) ? prompt -> channel.requestInput(request, prompt) : null;
        // The messaging spec: a silent execution broadcasts nothing on IOPub (status aside); its reply still tells the
        // outcome.
        OutputSink sink = silent ? NOTHING : new IopubSink(channel, request);
        var result = s.execute(code, sink, new ExecuteOptions(silent, store), input);
        if (store) history.add(result.executionCount(), code);
        JsonObject reply;
        if (result.ok()) {
            reply = ok(json -> {
                json.addProperty("execution_count", result.executionCount());
                json.add("user_expressions", userExpressions(s, content));
                json.add("payload", new JsonArray());
            });
        } else {
            reply = IopubSink.errorContent(result.error());
            reply.addProperty("status", "error");
            reply.addProperty("execution_count", result.executionCount());
        }
        channel.reply(request, "execute_reply", reply);
        if (!result.ok() && stopOnError) abortQueued(channel);
    }

    /** Jupyter's user_expressions: each evaluated after the cell, answered with its value or error. */
    private static JsonObject userExpressions(Interpreter s, JsonObject request) {
        var answers = new JsonObject();
        if (!request.has("user_expressions") || !request.get("user_expressions").isJsonObject()) return answers;
        for (var entry : request.getAsJsonObject("user_expressions").entrySet()) {
            var result = s.evaluateExpression(entry.getValue().getAsString());
            JsonObject answer;
            if (result.error() == null) {
                answer = status("ok");
                var data = new JsonObject();
                result.value().data().forEach((mime, value) -> data.add(mime, MimeBundle.wireValue(mime, value)));
                answer.add("data", data);
                answer.add("metadata", new JsonObject());
            } else {
                answer = IopubSink.errorContent(result.error());
                answer.addProperty("status", "error");
            }
            answers.add(entry.getKey(), answer);
        }
        return answers;
    }

    /** After a failure, cells the user queued behind it are not run (Jupyter's stop_on_error). */
    private void abortQueued(RequestContext channel) {
        for (Message queued : channel.drainShell()) {
            channel.replay(queued, () -> {
                if (queued.type().equals("execute_request")) {
                    channel.reply(queued, "execute_reply", status("aborted"));
                } else {
                    handle(channel, queued);
                }
            });
        }
    }

    private JsonObject kernelInfo() {
        var language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", System.getProperty("java.version"));
        language.addProperty("mimetype", "text/x-java");
        language.addProperty("file_extension", ".java");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "java");
        return ok(json -> {
            json.addProperty("protocol_version", Message.PROTOCOL_VERSION);
            json.addProperty("implementation", "d2l-java-kernel");
            json.addProperty("implementation_version", "1.0.0");
            json.add("language_info", language);
            json.addProperty("banner", "Java " + System.getProperty("java.version") + " (JShell) - d2l Java kernel");
            json.addProperty("debugger", false);
            json.add("help_links", new JsonArray());
        });
    }

    private JsonObject complete(JsonObject content) {
        String code = content.get("code").getAsString();
        int cursor = content.has("cursor_pos") ? content.get("cursor_pos").getAsInt() : code.length();
        var completions = session().complete(code, cursor);
        return ok(json -> {
            var matches = new JsonArray();
            completions.matches().forEach(matches::add);
            json.add("matches", matches);
            json.addProperty("cursor_start", completions.start());
            json.addProperty("cursor_end", completions.end());
            json.add("metadata", new JsonObject());
        });
    }

    private JsonObject inspect(JsonObject content) {
        String code = content.get("code").getAsString();
        int cursor = content.has("cursor_pos") ? content.get("cursor_pos").getAsInt() : code.length();
        int detail = content.has("detail_level") ? content.get("detail_level").getAsInt() : 0;
        String text = session().inspect(code, cursor, detail > 0);
        return ok(json -> {
            json.addProperty("found", !text.isEmpty());
            var data = new JsonObject();
            if (!text.isEmpty()) data.addProperty("text/plain", text);
            json.add("data", data);
            json.add("metadata", new JsonObject());
        });
    }

    /**
     * Answered from the code's characters while the session starts, and for whatever that check
     * finds unfinished; JShell's analysis only judges what looks complete. jupyter console waits
     * one second for the first answer, then stops asking for the rest of its session.
     */
    private JsonObject isComplete(JsonObject content) {
        String code = content.get("code").getAsString();
        CodeAnalysis.Completion answer;
        if (session.isDone() && !session.isCompletedExceptionally()) {
            try {
                answer = session().isComplete(code);
            } catch (RuntimeException | StackOverflowError | InternalError e) {
                answer = CodeAnalysis.quickIsComplete(code);
            }
        } else {
            answer = CodeAnalysis.quickIsComplete(code);
        }
        var finalAnswer = answer;
        return ok(json -> {
            json.addProperty("status", finalAnswer.status());
            if (finalAnswer.status().equals("incomplete")) json.addProperty("indent", finalAnswer.indent());
        });
    }

    private JsonObject history(JsonObject content) {
        String access = content.has("hist_access_type")
                ? content.get("hist_access_type").getAsString()
                : "tail";
        int n = content.has("n") && !content.get("n").isJsonNull()
                ? content.get("n").getAsInt()
                : 10;
        boolean output = flag(content, "output", false);
        List<History.Entry> entries =
                switch (access) {
                    case "range" ->
                        history.range(
                                intOr(content, "session", 0), intOr(content, "start", 0), intOr(content, "stop", 0));
                    case "search" ->
                        history.search(
                                content.has("pattern") ? content.get("pattern").getAsString() : "*",
                                n,
                                flag(content, "unique", false));
                    default -> history.tail(n);
                };
        return ok(json -> {
            var list = new JsonArray();
            for (var e : entries) {
                var item = new JsonArray();
                item.add(e.session());
                item.add(e.line());
                if (output) {
                    var pair = new JsonArray();
                    pair.add(e.input());
                    pair.add((String) null);
                    item.add(pair);
                } else {
                    item.add(e.input());
                }
                list.add(item);
            }
            json.add("history", list);
        });
    }

    private static JsonObject ok(java.util.function.Consumer<JsonObject> fill) {
        var json = status("ok");
        fill.accept(json);
        return json;
    }

    private static JsonObject status(String status) {
        var json = new JsonObject();
        json.addProperty("status", status);
        return json;
    }

    private static boolean flag(JsonObject content, String name, boolean fallback) {
        return content.has(name) && !content.get(name).isJsonNull()
                ? content.get(name).getAsBoolean()
                : fallback;
    }

    private static int intOr(JsonObject content, String name, int fallback) {
        return content.has(name) && !content.get(name).isJsonNull()
                ? content.get(name).getAsInt()
                : fallback;
    }
}
