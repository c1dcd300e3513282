package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class WireTest {
    private final Wire wire = new Wire(new Signer("secret"));

    private Message sample() {
        var content = new JsonObject();
        content.addProperty("code", "1 + 1");
        return Message.create("s", "execute_request", null, content);
    }

    @Test
    void roundTripKeepsIdentitiesAndContent() throws Exception {
        var m = sample();
        var withIdentity = new Message(
                java.util.List.of("client".getBytes(StandardCharsets.UTF_8)),
                m.header(),
                m.parentHeader(),
                m.metadata(),
                m.content(),
                java.util.List.of());
        var decoded = wire.decode(wire.encode(withIdentity));
        assertEquals("client", new String(decoded.identities().get(0), StandardCharsets.UTF_8));
        assertEquals("1 + 1", decoded.content().get("code").getAsString());
        assertEquals("execute_request", decoded.type());
    }

    @Test
    void wrongKeyOrTamperedContentIsRejected() {
        var forged = new Wire(new Signer("other")).encode(sample());
        assertThrows(Wire.BadMessage.class, () -> wire.decode(forged));

        var tampered = new ArrayList<>(wire.encode(sample()));
        tampered.set(tampered.size() - 1, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(Wire.BadMessage.class, () -> wire.decode(tampered));

        var unsigned = new ArrayList<>(wire.encode(sample()));
        unsigned.set(1, new byte[0]);
        assertThrows(Wire.BadMessage.class, () -> wire.decode(unsigned));
    }
}
