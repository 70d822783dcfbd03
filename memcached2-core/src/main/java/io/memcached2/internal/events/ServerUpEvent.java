package io.memcached2.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a server answered again after being marked down. */
@Name("memcached2.ServerUp")
@Label("Memcached Server Up")
@Category("memcached2")
@StackTrace(false)
final class ServerUpEvent extends jdk.jfr.Event {
    @Label("Server")
    String server;
}
