// Start-up script of the chapter kernel: runs silently before the first cell.
// One import per line; add or remove lines freely.
import d2l.data.*;
import d2l.plot.*;
import d2l.rnn.*;
import d2l.sequence.*;
import d2l.train.*;
import d2l.exercise.*;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;

// Lets library code (the live training chart) show and update outputs in this notebook.
d2l.plot.Display.install(o -> display(o), (id, o) -> updateDisplay(id, o));
