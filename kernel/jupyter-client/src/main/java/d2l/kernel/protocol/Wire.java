package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Jupyter's multipart framing: identities, {@code <IDS|MSG>}, signature, four JSON parts, buffers. */
public final class Wire {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final Signer signer;

    public Wire(Signer signer) {
        this.signer = signer;
    }

    /** Thrown for frames that are not a correctly signed Jupyter message. */
    public static final class BadMessage extends Exception {
        BadMessage(String reason) {
            super(reason);
        }
    }

    public Message decode(List<byte[]> frames) throws BadMessage {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6)
            throw new BadMessage("not a Jupyter message (no <IDS|MSG> or missing parts)");
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        byte[][] parts = {
            frames.get(delimiter + 2), frames.get(delimiter + 3), frames.get(delimiter + 4), frames.get(delimiter + 5)
        };
        if (!signer.verify(signature, parts)) throw new BadMessage("bad signature");
        try {
            return new Message(
                    List.copyOf(frames.subList(0, delimiter)),
                    json(parts[0]),
                    json(parts[1]),
                    json(parts[2]),
                    json(parts[3]),
                    List.copyOf(frames.subList(delimiter + 6, frames.size())));
        } catch (RuntimeException e) {
            throw new BadMessage("malformed JSON: " + e.getMessage());
        }
    }

    public List<byte[]> encode(Message message) {
        byte[] header = bytes(message.header());
        byte[] parent = bytes(message.parentHeader());
        byte[] metadata = bytes(message.metadata());
        byte[] content = bytes(message.content());
        var frames = new ArrayList<byte[]>(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    private static JsonObject json(byte[] bytes) {
        var element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        return element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
    }

    private static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
