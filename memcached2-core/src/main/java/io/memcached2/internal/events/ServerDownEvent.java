package io.memcached2.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a server was marked down. */
@Name("memcached2.ServerDown")
@Label("Memcached Server Down")
@Category("memcached2")
@StackTrace(false)
final class ServerDownEvent extends jdk.jfr.Event {
    @Label("Server")
    String server;

    @Label("Cause")
    String cause;
}
