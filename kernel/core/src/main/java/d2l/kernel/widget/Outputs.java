package d2l.kernel.widget;

import d2l.kernel.eval.DisplayHub;
import java.util.Set;

/** Where {@link Interaction} shows its outputs: the cell's (the kernel's display), or a test's list. */
interface Outputs {
    /** Shows {@code value} as a new output and returns its display id. */
    String display(Object value);

    /** Replaces the output shown under {@code displayId}. */
    void update(String displayId, Object value);

    /**
     * The outputs of the cell that calls this: later updates, made on any thread, are sent as that
     * cell's, because a front end shows an output update only under the request it belongs to
     * (JupyterLab routes IOPub messages to a cell by their parent).
     */
    static Outputs ofThisCell() {
        var origin = DisplayHub.currentSink();
        return new Outputs() {
            @Override
            public String display(Object value) {
                return DisplayHub.display(value, Set.of());
            }

            /**
             * Sent as the origin cell's, for JupyterLab; and, when another cell runs now, also as
             * that cell's: nbclient (nbconvert --execute) reads only the running cell's messages,
             * and finds the output by its display id in any cell.
             */
            @Override
            public void update(String displayId, Object value) {
                Runnable update = () -> DisplayHub.updateDisplay(displayId, value, Set.of());
                var now = DisplayHub.currentSink();
                if (origin == null) {
                    update.run();
                    return;
                }
                DisplayHub.capture(origin, update);
                if (now != null && now != origin) update.run();
            }
        };
    }
}
