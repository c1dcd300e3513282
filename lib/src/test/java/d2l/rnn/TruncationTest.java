package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TruncationTest {

    @Test
    void truncationFactorsFollowTheirDefinition() {
        double[] xi = new double[8];
        Truncation.every(3).factors(xi);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 1, 1, 0}, xi);
        Truncation.randomized(0.25, 1).factors(xi);
        for (int t = 2; t < 8; t++) assertTrue(xi[t] == 0 || xi[t] == 4, "factor " + xi[t]);
        assertThrows(IllegalArgumentException.class, () -> Truncation.every(0));
        assertThrows(IllegalArgumentException.class, () -> Truncation.randomized(0, 1));
    }
}
