package d2l.kernel.comm;

import d2l.kernel.eval.SessionContext;

/**
 * The comms of the session that runs the calling code, for code in a notebook or a library
 * (widgets): {@code Comms.current().open("my.target", CommMessage.of(data))}. The session is the
 * calling thread's ({@link SessionContext#current()}); code that runs in no session reaches the
 * manager {@link #activate} set (tests), else that of the session that last started a cell, else
 * one whose comms go nowhere.
 */
public final class Comms {
    private static final CommManager NOWHERE = new CommManager(CommTransport.NONE);
    private static volatile CommManager activated;

    private Comms() {}

    public static CommManager current() {
        var own = SessionContext.ofThread();
        if (own != null) return own.comms();
        var set = activated;
        if (set != null) return set;
        var latest = SessionContext.current();
        return latest != null ? latest.comms() : NOWHERE;
    }

    /**
     * Makes {@code manager} the one code reaches from a thread that runs in no session (a test's
     * own thread); a session's code keeps reaching its session's comms.
     */
    public static void activate(CommManager manager) {
        activated = manager;
    }
}
