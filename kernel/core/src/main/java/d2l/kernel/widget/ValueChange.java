package d2l.kernel.widget;

/**
 * One change of a widget's value, as {@link ValueWidget#observe} observers hear of it: the value
 * before, the value after, and which side made the change.
 *
 * @param <T> the value's Java type
 */
public record ValueChange<T>(T oldValue, T newValue, Origin origin) {
    /** Which side changed the value. */
    public enum Origin {
        /** A reader changed the control in the front end: the kernel received an {@code update}. */
        FRONT_END,
        /** Java code set it: {@code value(x)} in a cell, a handler or a thread. */
        KERNEL
    }

    /** Whether a reader made this change in the front end. */
    public boolean fromFrontEnd() {
        return origin == Origin.FRONT_END;
    }
}
