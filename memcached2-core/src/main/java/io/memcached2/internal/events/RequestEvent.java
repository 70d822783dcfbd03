package io.memcached2.internal.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR: one request to one server, from its submission to the server's connection to its completion. Only requests
 * slower than the threshold (10 ms unless a recording's settings say otherwise) are recorded. Made only while a
 * recording takes it: see {@link #start()}.
 */
@Name("memcached2.Request")
@Label("Memcached Request")
@Category("memcached2")
@Description("A request to one memcached server, from submission to completion (slow ones only, see the threshold)")
@Threshold("10 ms")
@StackTrace(false) // committed on the I/O thread, whose stack says nothing about the caller
public final class RequestEvent extends Event {
    /** Answers whether a recording takes request events, without making an event per request to ask. */
    private static final RequestEvent PROBE = new RequestEvent();

    @Label("Command")
    String command;

    @Label("Server")
    String server;

    @Label("Keys")
    int keys;

    @Label("Bytes Sent")
    @DataAmount
    long bytesSent;

    @Label("Bytes Received")
    @DataAmount
    long bytesReceived;

    @Label("Failure")
    @Description("The simple class name of the failure; empty when the request succeeded")
    String failure;

    private RequestEvent() {}

    /**
     * @return a started event while a recording takes request events; null otherwise, when nothing is allocated
     *     (one shared probe asks JFR, so the check itself allocates nothing)
     */
    public static RequestEvent start() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        RequestEvent e = new RequestEvent();
        e.begin();
        return e;
    }

    /** Ends the event and commits it if it lasted longer than the threshold. */
    public void finish(String command, String server, int keys, long bytesSent, long bytesReceived, Throwable failure) {
        end();
        if (shouldCommit()) {
            this.command = command;
            this.server = server;
            this.keys = keys;
            this.bytesSent = bytesSent;
            this.bytesReceived = bytesReceived;
            this.failure = failure == null ? "" : failure.getClass().getSimpleName();
            commit();
        }
    }
}
