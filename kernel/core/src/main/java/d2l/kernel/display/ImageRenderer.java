package d2l.kernel.display;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/** {@code java.awt} images as PNG (default) or JPEG (on request). */
public final class ImageRenderer implements Renderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof Image;
    }

    @Override
    public MimeBundle render(Object value, Set<String> requested) {
        BufferedImage image = toBuffered((Image) value, BufferedImage.TYPE_INT_ARGB);
        boolean jpeg = requested.contains(MimeBundle.JPEG) && !requested.contains(MimeBundle.PNG);
        String text = "Image " + image.getWidth() + "x" + image.getHeight();
        var metadata = Map.<String, Object>of(
                jpeg ? MimeBundle.JPEG : MimeBundle.PNG,
                Map.of("width", image.getWidth(), "height", image.getHeight()));
        String mime = jpeg ? MimeBundle.JPEG : MimeBundle.PNG;
        // JPEG has no alpha channel: ImageIO writes nothing for ARGB input, so flatten first.
        String encoded = jpeg ? encode(toBuffered(image, BufferedImage.TYPE_INT_RGB), "jpeg") : encode(image, "png");
        return new MimeBundle(Map.of(mime, encoded, MimeBundle.TEXT, text), metadata);
    }

    /** PNG bytes of an image, base64-encoded in full. */
    public static String pngBase64(BufferedImage image) {
        return encode(image, "png");
    }

    static String encode(BufferedImage image, String format) {
        var bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static BufferedImage toBuffered(Image image, int type) {
        if (image instanceof BufferedImage b && b.getType() == type) return b;
        int w = Math.max(1, image.getWidth(null));
        int h = Math.max(1, image.getHeight(null));
        var copy = new BufferedImage(w, h, type);
        var g = copy.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }
}
