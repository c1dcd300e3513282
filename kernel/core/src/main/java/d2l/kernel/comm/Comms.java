package d2l.kernel.comm;

/**
 * The comms of the session that runs the current cell, for code in a notebook or a library
 * (widgets): {@code Comms.current().open("my.target", CommMessage.of(data))}. The session sets it
 * when it starts; until then comms go nowhere.
 */
public final class Comms {
    private static volatile CommManager current = new CommManager(CommTransport.NONE);

    private Comms() {}

    public static CommManager current() {
        return current;
    }

    /** Makes {@code manager} the one notebook code reaches. */
    public static void activate(CommManager manager) {
        current = manager;
    }
}
