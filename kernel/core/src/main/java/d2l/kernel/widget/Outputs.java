package d2l.kernel.widget;

import d2l.kernel.eval.DisplayHub;
import java.util.Set;

/** Where {@link Interaction} shows its outputs: the cell's (the kernel's display), or a test's list. */
interface Outputs {
    /** Shows {@code value} as a new output and returns its display id. */
    String display(Object value);

    /**
     * Replaces the output shown under {@code displayId}, after a change that {@code origin} made.
     */
    void update(String displayId, Object value, ValueChange.Origin origin);

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
             * Sent as the origin cell's, for JupyterLab. After a change made by Java code, also as
             * the cell's that runs now (or ran last), if that is another: nbclient (nbconvert
             * --execute) reads only the running cell's messages, and finds the output by its display
             * id in any cell. A reader's change needs no second copy: it comes from a live front end,
             * which the first reaches, never from nbclient.
             */
            @Override
            public void update(String displayId, Object value, ValueChange.Origin change) {
                Runnable update = () -> DisplayHub.updateDisplay(displayId, value, Set.of());
                var now = DisplayHub.currentSink();
                if (origin == null) {
                    update.run();
                    return;
                }
                DisplayHub.capture(origin, update);
                if (change == ValueChange.Origin.KERNEL && now != null && now != origin) update.run();
            }
        };
    }
}
