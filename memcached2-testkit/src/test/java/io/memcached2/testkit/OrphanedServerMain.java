package io.memcached2.testkit;

import java.io.IOException;

/** Starts a server, prints its pid and waits to be killed: the JVM that {@link ProcessCleanupTest} SIGKILLs. */
public final class OrphanedServerMain {

    private OrphanedServerMain() {}

    public static void main(String[] args) throws IOException {
        MemcachedServer server = MemcachedServer.start();
        System.out.println(server.pid());
        System.out.flush();
        System.in.read();
    }
}
