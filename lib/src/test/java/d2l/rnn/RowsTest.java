package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class RowsTest {

    @Test
    void gatherCopiesTheChosenRowsIntoABlockOfALargerArray() {
        for (var type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            var table = Nd4j.rand(type, 5, 7);
            var big = Nd4j.zeros(type, 6, 7);
            var block = big.get(interval(2, 6), all());          // rows 2..5 of big, as w.H is of the hidden states
            int[] rows = {4, 0, 4, 2};
            Rows.gather(table, rows, block);
            for (int i = 0; i < rows.length; i++) assertEquals(table.getRow(rows[i]), big.getRow(i + 2), type + " row " + i);
            assertEquals(Nd4j.zeros(type, 2, 7), big.get(interval(0, 2), all()), "rows before the block untouched");
        }
    }

    @Test
    void addToEveryRowMatchesNd4jsBroadcastBitForBit() {
        for (var type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            var m = Nd4j.rand(type, 9, 28).subi(0.5).muli(7);
            var b = Nd4j.rand(type, 28).subi(0.5);
            var expected = m.dup().addiRowVector(b);
            var target = Nd4j.create(type, 9, 28);
            Rows.addToEveryRow(m, b, target);
            assertEquals(expected, target, type.toString());
            Rows.addToEveryRow(m, b);
            assertEquals(expected, m, type + " in place");
        }
    }

    @Test
    void badShapesAndRowIndicesAreNamed() {
        var table = Nd4j.rand(DataType.FLOAT, 3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> Rows.gather(table, new int[] {0, 3}, Nd4j.create(DataType.FLOAT, 2, 4)));
        assertTrue(e.getMessage().contains("row index 3 outside [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rows.gather(table, new int[] {0}, Nd4j.create(DataType.FLOAT, 1, 5)));
        assertTrue(e.getMessage().contains("contiguous 1 x 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rows.addToEveryRow(table, Nd4j.create(DataType.FLOAT, 5)));
        assertTrue(e.getMessage().contains("whole vector of 4"), e.getMessage());
    }
}
