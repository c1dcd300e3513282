package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OneHotTest {

    @Test
    void encodesRowsAndMinibatchesTimeFirst() {
        var rows = OneHot.encode(new int[] {0, 2}, 4);
        assertArrayEquals(new float[] {1, 0, 0, 0}, rows.getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 0, 1, 0}, rows.getRow(1).toFloatVector());
        var batch = OneHot.encode(new int[][] {{0, 1, 2}, {3, 3, 1}}, 5);
        assertArrayEquals(new long[] {3, 2, 5}, batch.shape());
        assertEquals(1.0, batch.getDouble(1, 1, 3));   // step 1 of sequence 1 is token 3
        assertEquals(6.0, batch.sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {4}, 4));
    }
}
