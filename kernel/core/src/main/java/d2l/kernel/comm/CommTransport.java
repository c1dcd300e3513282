package d2l.kernel.comm;

/**
 * Where the kernel's side of a comm sends its messages. In the kernel this publishes
 * {@code comm_open}, {@code comm_msg} and {@code comm_close} on IOPub; the headless notebook runner,
 * which has no front end, records them instead; tests keep them in memory.
 */
public interface CommTransport {
    void open(Comm comm, CommMessage message);

    void send(Comm comm, CommMessage message);

    void close(Comm comm, CommMessage message);

    /** For sessions with no front end: messages go nowhere. */
    CommTransport NONE = new CommTransport() {
        @Override
        public void open(Comm comm, CommMessage message) {}

        @Override
        public void send(Comm comm, CommMessage message) {}

        @Override
        public void close(Comm comm, CommMessage message) {}
    };
}
