package d2l.kernel.widget;

import d2l.kernel.eval.DisplayHub;
import java.util.Set;

/** Where {@link Interaction} shows its outputs: the cell's (the kernel's display), or a test's list. */
interface Outputs {
    /** Shows {@code value} as a new output and returns its display id. */
    String display(Object value);

    /** Replaces the output shown under {@code displayId}. */
    void update(String displayId, Object value);

    Outputs CELL = new Outputs() {
        @Override
        public String display(Object value) {
            return DisplayHub.display(value, Set.of());
        }

        @Override
        public void update(String displayId, Object value) {
            DisplayHub.updateDisplay(displayId, value, Set.of());
        }
    };
}
