package d2l.kernel.display;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart charts as PNG, or as SVG when {@code image/svg+xml} is requested. */
final class XChartRenderer implements Renderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof Chart<?, ?>;
    }

    @Override
    public MimeBundle render(Object value, Set<String> requested) {
        var chart = (Chart<?, ?>) value;
        String text = chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" " + chart.getWidth() + "x"
                + chart.getHeight();
        var data = new LinkedHashMap<String, String>();
        try {
            if (requested.contains(MimeBundle.SVG)) data.put(MimeBundle.SVG, svg(chart));
            if (Renderers.wants(requested, MimeBundle.PNG)) {
                byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
                data.put(MimeBundle.PNG, Base64.getEncoder().encodeToString(png));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render the chart: " + e.getMessage(), e);
        }
        data.put(MimeBundle.TEXT, text);
        return new MimeBundle(data, Map.of());
    }

    private static String svg(Chart<?, ?> chart) throws IOException {
        var out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toString(StandardCharsets.UTF_8);
    }
}
