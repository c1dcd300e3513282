package d2l.engine;

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
    void gatherWithBiasCopiesTheChosenRowsPlusTheBiasIntoABlockOfALargerArray() {
        for (var type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            var table = Nd4j.rand(type, 5, 7);
            var bias = Nd4j.rand(type, 7);
            var big = Nd4j.zeros(type, 6, 7);
            var block = big.get(interval(2, 6), all()); // rows 2..5 of big, as the hidden states' rows are
            int[] rows = {4, 0, 4, 2};
            Rows.gatherWithBias(table, bias, rows, block);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(table.getRow(rows[i]).add(bias), big.getRow(i + 2), type + " row " + i);
            }
            assertEquals(Nd4j.zeros(type, 2, 7), big.get(interval(0, 2), all()), "rows before the block untouched");
        }
    }

    @Test
    void addToEveryRowMatchesNd4jsBroadcastBitForBit() {
        for (var type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            var m = Nd4j.rand(type, 9, 28).subi(0.5).muli(7);
            var b = Nd4j.rand(type, 28).subi(0.5);
            var expected = m.dup().addiRowVector(b);
            Rows.addToEveryRow(m, b);
            assertEquals(expected, m, type.toString());
        }
    }

    @Test
    void scatterColumnsSumsRowsIntoTheirTokensRowsInItsColumnsOnly() {
        var updates = Nd4j.rand(DataType.DOUBLE, 4, 6);
        var target = Nd4j.ones(DataType.DOUBLE, 3, 6).muli(9);
        int[] rows = {2, 0, 2, 2};
        Rows.scatterColumns(target, rows, updates, 1, 4);
        for (int c = 0; c < 6; c++) {
            boolean inside = c >= 1 && c < 4;
            double two = updates.getDouble(0, c) + updates.getDouble(2, c) + updates.getDouble(3, c);
            assertEquals(inside ? updates.getDouble(1, c) : 9, target.getDouble(0, c), 1e-15);
            assertEquals(inside ? 0 : 9, target.getDouble(1, c), 1e-15);
            assertEquals(inside ? two : 9, target.getDouble(2, c), 1e-15);
        }
    }

    @Test
    void badShapesAndRowIndicesAreNamed() {
        var table = Nd4j.rand(DataType.FLOAT, 3, 4);
        var bias = Nd4j.rand(DataType.FLOAT, 4);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Rows.gatherWithBias(table, bias, new int[] {0, 3}, Nd4j.create(DataType.FLOAT, 2, 4)));
        assertTrue(e.getMessage().contains("row index 3 outside [0, 3)"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Rows.gatherWithBias(table, bias, new int[] {0}, Nd4j.create(DataType.FLOAT, 1, 5)));
        assertTrue(e.getMessage().contains("contiguous 1 x 4"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> Rows.addToEveryRow(table, Nd4j.create(DataType.FLOAT, 5)));
        assertTrue(e.getMessage().contains("whole FLOAT vector of 4"), e.getMessage());
    }
}
