package d2l.kernel.eval;

import d2l.kernel.comm.CommManager;

/**
 * What the kernel's message handlers need from a language: run a cell, evaluate an expression,
 * complete, inspect, judge completeness, interrupt, shut down ({@link #close()}). {@link Session}
 * is the JShell one; the handlers know only this interface. History is the protocol's own record
 * of executed inputs, kept beside the interpreter.
 */
public interface Interpreter extends AutoCloseable {
    /** The execution count of the last stored cell. */
    int executionCount();

    ExecuteResult execute(String code, OutputSink sink, ExecuteOptions options, InputSource input);

    /** A {@code user_expressions} entry: evaluated after the cell, without side effects on the count. */
    Session.ExpressionResult evaluateExpression(String expression);

    /** Completion, inspection and completeness of code the user is typing. */
    CodeAnalysis analysis();

    default CodeAnalysis.Completions complete(String code, int cursor) {
        return analysis().complete(code, cursor);
    }

    default String inspect(String code, int cursor, boolean detailed) {
        return analysis().inspect(code, cursor, detailed);
    }

    default CodeAnalysis.Completion isComplete(String code) {
        return analysis().isComplete(code);
    }

    /** This session's comms: messages from the front end reach them, notebook code opens comms on them. */
    CommManager comms();

    /**
     * Runs {@code handler} (a comm's, for a message from the front end) on the calling thread while
     * a cell may run on another: what the handler prints or displays on this thread goes to
     * {@code outputs}, the cell's outputs stay the cell's.
     */
    void runHandler(OutputSink outputs, Runnable handler);

    /** Stops the running cell, if any. */
    void interrupt();

    @Override
    void close();
}
