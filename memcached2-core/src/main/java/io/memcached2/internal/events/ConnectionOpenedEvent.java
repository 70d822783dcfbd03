package io.memcached2.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a connection to a server was established (before its hello). */
@Name("memcached2.ConnectionOpened")
@Label("Memcached Connection Opened")
@Category("memcached2")
@StackTrace(false)
final class ConnectionOpenedEvent extends jdk.jfr.Event {
    @Label("Server")
    String server;
}
