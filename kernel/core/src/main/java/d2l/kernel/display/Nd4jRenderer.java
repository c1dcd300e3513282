package d2l.kernel.display;

import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ND4J arrays as text headed by their shape and data type. */
final class Nd4jRenderer implements Renderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof INDArray;
    }

    @Override
    public MimeBundle render(Object value, Set<String> requested) {
        var array = (INDArray) value;
        String header = "INDArray shape=" + Arrays.toString(array.shape()) + " dtype=" + array.dataType();
        return MimeBundle.text(header + "\n" + array);
    }
}
