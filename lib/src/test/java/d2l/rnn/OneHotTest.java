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
        assertEquals(1.0, batch.getDouble(1, 1, 3)); // step 1 of sequence 1 is token 3
        assertEquals(6.0, batch.sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {4}, 4));
    }

    @Test
    void timeMajorRowsHoldStepTOfSequenceBAtRowTTimesBatchPlusB() {
        var x = OneHot.timeMajor(new int[][] {{0, 1, 2}, {3, 3, 1}}, 5);
        assertArrayEquals(new long[] {6, 5}, x.shape());
        int[][] tokens = {{0, 1, 2}, {3, 3, 1}};
        for (int t = 0; t < 3; t++) {
            for (int b = 0; b < 2; b++) {
                var row = x.getRow(t * 2 + b).toFloatVector();
                for (int v = 0; v < 5; v++)
                    assertEquals(v == tokens[b][t] ? 1f : 0f, row[v], "step " + t + ", sequence " + b);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> OneHot.timeMajor(new int[][] {{0, 5}}, 5));
        assertThrows(IllegalArgumentException.class, () -> OneHot.timeMajor(new int[][] {{0, 1}, {2}}, 5));
        assertThrows(IllegalArgumentException.class, () -> OneHot.timeMajor(new int[][] {{}}, 5));
    }
}
