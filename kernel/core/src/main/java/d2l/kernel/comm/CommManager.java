package d2l.kernel.comm;

import d2l.kernel.eval.Stdio;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A session's open comms and the targets the front end may open comms to. Messages from the front
 * end arrive through the {@code received...} methods; a message for an unknown comm, or a handler
 * that throws, is logged and ignored, so a bad message never stops the kernel.
 */
public final class CommManager {
    private final Map<String, Comm> open = new ConcurrentHashMap<>();
    private final Map<String, BiConsumer<Comm, CommMessage>> targets = new ConcurrentHashMap<>();
    private volatile CommTransport transport;

    public CommManager(CommTransport transport) {
        this.transport = transport;
    }

    CommTransport transport() {
        return transport;
    }

    /**
     * Sends this session's comm messages through {@code transport} from now on: the kernel's IOPub,
     * the runner's recorder. A session starts with {@link CommTransport#NONE}.
     */
    public void useTransport(CommTransport transport) {
        this.transport = java.util.Objects.requireNonNull(transport, "transport");
    }

    /** Opens a comm from the kernel's side: the front end creates its end for {@code target}. */
    public Comm open(String target, CommMessage message) {
        var comm = new Comm(UUID.randomUUID().toString().replace("-", ""), target, this);
        open.put(comm.id(), comm);
        transport.open(comm, message);
        return comm;
    }

    /**
     * Lets the front end open comms to {@code target}; {@code onOpen} gets each new comm and the
     * data it was opened with. Registering a target again replaces its handler.
     */
    public void registerTarget(String target, BiConsumer<Comm, CommMessage> onOpen) {
        targets.put(target, onOpen);
    }

    public void unregisterTarget(String target) {
        targets.remove(target);
    }

    /**
     * The front end opened comm {@code commId} to {@code target}. Returns false, and opens nothing,
     * if no such target is registered: the caller then closes the comm, as the protocol asks.
     */
    public boolean receivedOpen(String commId, String target, CommMessage message) {
        var onOpen = targets.get(target);
        if (onOpen == null) {
            Stdio.log().println("Comm " + commId + " asks for target '" + target + "', which is not registered");
            return false;
        }
        var comm = new Comm(commId, target, this);
        open.put(commId, comm);
        guarded("comm_open for " + target, () -> onOpen.accept(comm, message));
        return true;
    }

    /** A comm_msg from the front end. */
    public void receivedMessage(String commId, CommMessage message) {
        var comm = open.get(commId);
        if (comm == null) {
            Stdio.log().println("Ignored a comm_msg for comm " + commId + ", which is not open");
            return;
        }
        guarded("comm_msg on " + comm, () -> comm.received(message));
    }

    /** A comm_close from the front end. */
    public void receivedClose(String commId, CommMessage message) {
        var comm = open.get(commId);
        if (comm == null) {
            Stdio.log().println("Ignored a comm_close for comm " + commId + ", which is not open");
            return;
        }
        guarded("comm_close on " + comm, () -> comm.closedByFrontEnd(message));
    }

    /** The open comms, id to target name, only those of {@code target} unless it is null. */
    public Map<String, String> info(String target) {
        var info = new LinkedHashMap<String, String>();
        for (var comm : open.values()) {
            if (target == null || target.equals(comm.target())) info.put(comm.id(), comm.target());
        }
        return info;
    }

    public Comm get(String commId) {
        return open.get(commId);
    }

    public List<Comm> openComms() {
        return List.copyOf(open.values());
    }

    /** Closes every open comm, e.g. when the session ends; a close handler that throws is logged. */
    public void closeAll() {
        for (var comm : openComms()) guarded("closing " + comm, comm::close);
    }

    void forget(Comm comm) {
        open.remove(comm.id());
    }

    private static void guarded(String what, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException | StackOverflowError e) {
            Stdio.log().println("Error in the handler of " + what + ": " + e);
            e.printStackTrace(Stdio.log());
        }
    }
}
