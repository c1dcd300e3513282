package d2l.kernel.comm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommManagerTest {
    /** Keeps what the kernel's side sent, as "open|msg|close target key=value". */
    static final class Recorder implements CommTransport {
        final List<String> sent = new ArrayList<>();

        @Override
        public void open(Comm comm, CommMessage message) {
            sent.add("open " + comm.target() + " " + message.data());
        }

        @Override
        public void send(Comm comm, CommMessage message) {
            sent.add("msg " + comm.target() + " " + message.data());
        }

        @Override
        public void close(Comm comm, CommMessage message) {
            sent.add("close " + comm.target());
        }
    }

    static JsonObject data(String key, int value) {
        var json = new JsonObject();
        json.addProperty(key, value);
        return json;
    }

    @Test
    void kernelOpenedCommSendsReceivesAndCloses() {
        var transport = new Recorder();
        var manager = new CommManager(transport);
        var comm = manager.open("t", CommMessage.of(data("a", 1)));
        var received = new ArrayList<String>();
        comm.onMessage(m -> received.add(m.data().toString()));
        comm.onClose(m -> received.add("closed"));
        comm.send(data("b", 2));
        manager.receivedMessage(comm.id(), CommMessage.of(data("c", 3)));
        assertEquals(Map.of(comm.id(), "t"), manager.info(null));
        assertEquals(Map.of(), manager.info("other"));
        comm.close();
        comm.close();
        assertEquals(List.of("open t {\"a\":1}", "msg t {\"b\":2}", "close t"), transport.sent);
        assertEquals(List.of("{\"c\":3}", "closed"), received);
        assertFalse(comm.isOpen());
        assertEquals(Map.of(), manager.info(null));
        var e = assertThrows(IllegalStateException.class, () -> comm.send(data("d", 4)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void frontEndOpensOnlyRegisteredTargets() {
        var manager = new CommManager(new Recorder());
        var opened = new ArrayList<String>();
        manager.registerTarget("known", (comm, message) -> opened.add(comm.id() + " " + message.data()));
        assertTrue(manager.receivedOpen("c1", "known", CommMessage.of(data("x", 1))));
        assertFalse(manager.receivedOpen("c2", "unknown", CommMessage.of(new JsonObject())));
        assertEquals(List.of("c1 {\"x\":1}"), opened);
        assertEquals(Map.of("c1", "known"), manager.info(null));
        manager.receivedClose("c1", CommMessage.of(new JsonObject()));
        assertEquals(Map.of(), manager.info(null));
    }

    @Test
    void badMessagesAndThrowingHandlersAreIgnored() {
        var manager = new CommManager(new Recorder());
        manager.receivedMessage("nope", CommMessage.of(new JsonObject()));
        manager.receivedClose("nope", CommMessage.of(new JsonObject()));
        var comm = manager.open("t", CommMessage.of(new JsonObject()));
        var after = new ArrayList<String>();
        comm.onMessage(m -> {
            throw new IllegalArgumentException("bad state");
        });
        manager.receivedMessage(comm.id(), CommMessage.of(new JsonObject()));
        comm.onMessage(m -> after.add("second handler"));
        manager.receivedMessage(comm.id(), CommMessage.of(new JsonObject()));
        assertTrue(comm.isOpen());
        manager.closeAll();
        assertFalse(comm.isOpen());
    }
}
