package io.memcached2.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a connection ended, or an attempt to make one failed. */
@Name("memcached2.ConnectionClosed")
@Label("Memcached Connection Closed")
@Category("memcached2")
@StackTrace(false)
final class ConnectionClosedEvent extends jdk.jfr.Event {
    @Label("Server")
    String server;

    @Label("Cause")
    String cause;
}
