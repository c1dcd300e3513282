package d2l.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a message's header, parent header, metadata and content frames. With an empty
 * key (allowed by the protocol) messages are neither signed nor checked.
 */
public final class Signer {
    private final SecretKeySpec key;

    public Signer(String key) {
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(byte[]... frames) {
        if (key == null) return "";
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] f : frames) mac.update(f);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Constant-time comparison, so timing reveals nothing about the expected signature. */
    public boolean verify(String signature, byte[]... frames) {
        if (key == null) return true;
        return MessageDigest.isEqual(
                sign(frames).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
