package d2l.kernel.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.protocol.ConnectionInfo;
import d2l.kernel.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/** The Jupyter client against a one-message fake kernel: signing both ways, and rejection. */
class WireClientTest {
    private static String hmac(String key, List<String> parts) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        parts.forEach(p -> mac.update(p.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * Receives one request on a ROUTER socket, checks its signature, and answers signed with the
     * connection key or, when {@code forged}, with another key.
     */
    private static Message exchange(boolean forged) throws Exception {
        var info = ConnectionInfo.fresh();
        try (var context = new ZContext();
                var client = new WireClient(info)) {
            var router = context.createSocket(SocketType.ROUTER);
            router.bind(info.endpoint(info.shellPort()));
            var id = client.sendShell("kernel_info_request", new JsonObject());

            var frames = new ArrayList<byte[]>();
            frames.add(router.recv());
            while (router.hasReceiveMore()) {
                frames.add(router.recv());
            }
            var parts = frames.subList(3, 7).stream()
                    .map(f -> new String(f, StandardCharsets.UTF_8))
                    .toList();
            assertEquals(
                    hmac(info.key(), parts),
                    new String(frames.get(2), StandardCharsets.US_ASCII),
                    "the client signs header, parent, metadata and content with the connection key");
            var request = JsonParser.parseString(parts.get(0)).getAsJsonObject();
            assertEquals("kernel_info_request", request.get("msg_type").getAsString());

            var header =
                    "{\"msg_id\":\"r1\",\"msg_type\":\"kernel_info_reply\",\"session\":\"s\",\"username\":\"k\",\"date\":\"\",\"version\":\"5.3\"}";
            var reply = List.of(header, parts.get(0), "{}", "{\"status\":\"ok\"}");
            router.sendMore(frames.get(0));
            router.sendMore("<IDS|MSG>");
            router.sendMore(hmac(forged ? "not-the-key" : info.key(), reply));
            router.sendMore(reply.get(0));
            router.sendMore(reply.get(1));
            router.sendMore(reply.get(2));
            router.send(reply.get(3));
            return client.awaitShellReply(id, 5000);
        }
    }

    @Test
    void aCorrectlySignedReplyIsMatchedToItsRequest() throws Exception {
        var reply = exchange(false);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString());
    }

    @Test
    void aReplySignedWithAnotherKeyIsRejected() {
        var error = assertThrows(IllegalStateException.class, () -> exchange(true));
        assertEquals("kernel sent a message the client rejects: bad signature", error.getMessage());
    }
}
