package d2l.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import d2l.kernel.comm.CommMessage;
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
    /** The session, once started and its comms sent to IOPub. */
    private final CompletableFuture<Interpreter> session;
    /** The request each thread is handling: the parent of comm messages that thread sends. */
    private final ThreadLocal<Message> handling = new ThreadLocal<>();
    /** The execute_request whose cell runs now, if any. */
    private volatile Message runningCell;
    /** The most recent execute_request or comm message: the parent for a background thread's comm messages. */
    private volatile Message latest;
    /** The thread running a comm handler now, for interrupt_request to wake. */
    private volatile Thread commHandler;
    /** How to reach IOPub: every request's context publishes on the same socket. */
    private volatile RequestContext iopub;

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
        var transport = new IopubCommTransport(this::publishComm, this::commParent);
        this.session = session.thenApply(s -> {
            s.comms().useTransport(transport);
            return s;
        });
        this.idle = idle;
        // Starting the session grew the heap too; give it back while the user reads.
        session.thenRun(idle::sessionStarted);
    }

    @Override
    public void handle(RequestContext channel, Message request) {
        iopub = channel;
        handling.set(request);
        try {
            dispatch(channel, request);
        } finally {
            handling.remove();
        }
    }

    /** A request queued behind a failed cell: a cell is not run, anything else is answered. */
    @Override
    public void abort(RequestContext channel, Message request) {
        if (request.type().equals("execute_request")) {
            channel.reply(request, "execute_reply", status("aborted"));
        } else {
            handle(channel, request);
        }
    }

    private void dispatch(RequestContext channel, Message request) {
        switch (request.type()) {
            case "kernel_info_request" -> channel.reply(request, "kernel_info_reply", kernelInfo());
            case "execute_request" -> {
                idle.cellStarting();
                latest = request;
                runningCell = request;
                try {
                    execute(channel, request);
                } finally {
                    runningCell = null;
                    idle.cellEnded();
                }
            }
            case "complete_request" -> channel.reply(request, "complete_reply", complete(request.content()));
            case "inspect_request" -> channel.reply(request, "inspect_reply", inspect(request.content()));
            case "is_complete_request" -> channel.reply(request, "is_complete_reply", isComplete(request.content()));
            case "history_request" -> channel.reply(request, "history_reply", history(request.content()));
            case "comm_info_request" -> channel.reply(request, "comm_info_reply", commInfo(request.content()));
            case "comm_open", "comm_msg", "comm_close" -> {
                latest = request;
                comm(channel, request);
            }
            case "interrupt_request" -> {
                if (session.isDone()) session().interrupt();
                // A handler waiting (sleep, a lock, I/O) holds up the comm messages and cells behind it.
                var handler = commHandler;
                if (handler != null) handler.interrupt();
                channel.reply(request, "interrupt_reply", ok(json -> {}));
            }
            case "shutdown_request" -> {
                boolean restart = request.content().has("restart")
                        && request.content().get("restart").getAsBoolean();
                if (session.isDone()) {
                    session().interrupt();
                    // The front end's ends of the comms close; a restarted kernel starts with none.
                    session().comms().closeAll();
                }
                channel.reply(request, "shutdown_reply", ok(json -> json.addProperty("restart", restart)));
                channel.shutdown();
            }
            default -> Stdio.log().println("Ignoring unsupported " + request.type());
        }
    }

    /**
     * A comm message from the front end, handled on the calling thread (the comm thread) with the
     * outputs of its handler published under it. A malformed message (no comm_id, data not an
     * object) is logged and ignored; so are unknown comms (by the manager). A comm_open to a target
     * nobody registered is closed again, as the spec asks.
     */
    private void comm(RequestContext channel, Message request) {
        var content = request.content();
        String commId = text(content, "comm_id");
        var data = content.get("data");
        if (commId == null || (data != null && !data.isJsonNull() && !data.isJsonObject())) {
            Stdio.log()
                    .println("Ignored a " + request.type() + " that is malformed (it needs a comm_id and data that is"
                            + " a JSON object): " + content);
            return;
        }
        var message = new CommMessage(
                data == null || data.isJsonNull() ? new JsonObject() : data.getAsJsonObject(),
                request.metadata(),
                request.buffers());
        var s = session();
        var comms = s.comms();
        var outputs = new IopubSink(channel, request);
        switch (request.type()) {
            case "comm_open" -> {
                String target = text(content, "target_name");
                boolean[] opened = {false};
                if (target == null) {
                    Stdio.log().println("Comm " + commId + " was opened without a target_name");
                } else {
                    runHandler(s, outputs, () -> opened[0] = comms.receivedOpen(commId, target, message));
                }
                if (!opened[0]) {
                    var close = new JsonObject();
                    close.addProperty("comm_id", commId);
                    close.add("data", new JsonObject());
                    channel.publish("comm_close", request, close);
                }
            }
            case "comm_msg" -> runHandler(s, outputs, () -> comms.receivedMessage(commId, message));
            default -> runHandler(s, outputs, () -> comms.receivedClose(commId, message));
        }
    }

    /** Runs a comm handler where interrupt_request reaches it; an interrupt never outlives its handler. */
    private void runHandler(Interpreter s, OutputSink outputs, Runnable body) {
        Thread.interrupted(); // one that came after the previous handler ended
        commHandler = Thread.currentThread();
        try {
            s.runHandler(outputs, body);
        } finally {
            commHandler = null;
            Thread.interrupted();
        }
    }

    /** The open comms, of {@code target_name} only if the request names one; none while the session starts. */
    private JsonObject commInfo(JsonObject content) {
        var comms = new JsonObject();
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session().comms().info(text(content, "target_name")).forEach((id, target) -> {
                var entry = new JsonObject();
                entry.addProperty("target_name", target);
                comms.add(id, entry);
            });
        }
        return ok(json -> json.add("comms", comms));
    }

    /** The parent of a comm message the kernel sends: the request this thread handles, else the running cell, else the latest. */
    private Message commParent() {
        var request = handling.get();
        if (request != null) return request;
        request = runningCell;
        return request != null ? request : latest;
    }

    private void publishComm(String type, Message parent, JsonObject content, CommMessage message) {
        var channel = iopub;
        if (channel == null) {
            Stdio.log().println("Dropped a " + type + ": no request came in yet, so IOPub is not known");
            return;
        }
        channel.publish(type, parent, content, message.metadata(), message.buffers());
    }

    private static String text(JsonObject content, String name) {
        var value = content.get(name);
        return value != null
                        && value.isJsonPrimitive()
                        && value.getAsJsonPrimitive().isString()
                ? value.getAsString()
                : null;
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
        if (!result.ok() && stopOnError) channel.abortQueued();
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
