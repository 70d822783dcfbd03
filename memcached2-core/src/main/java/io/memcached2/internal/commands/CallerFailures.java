package io.memcached2.internal.commands;

import io.memcached2.AuthenticationFailed;
import io.memcached2.ConnectTimeout;
import io.memcached2.MemcachedException;
import io.memcached2.NoAvailableServers;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.ServerError;
import io.memcached2.internal.transport.Request;

/**
 * Gives each caller an exception of its own. A connection loss or a sweep of timeouts fails many requests with one
 * exception made on an I/O thread; thrown as it is, its stack shows the event loop, and every caller that adds a
 * suppressed exception to it changes it for all the others. The copy has the same type, names the caller's
 * request, has the caller's stack, and keeps the shared one as its cause.
 */
final class CallerFailures {
    private CallerFailures() {}

    /** @return the exception to throw for a failed request */
    static RuntimeException of(Request r) {
        Throwable f = r.failure();
        if (!r.failureShared()) {
            return f instanceof RuntimeException ? (RuntimeException) f : new MemcachedException(f.toString(), f);
        }
        String message = f.getMessage() + "; " + r.describe() + " failed";
        Class<?> type = f.getClass();
        if (type == OperationTimeout.class) {
            return new OperationTimeout(message, f);
        }
        if (type == ConnectTimeout.class) {
            return new ConnectTimeout(message, f);
        }
        if (type == AuthenticationFailed.class) {
            return new AuthenticationFailed(message, f);
        }
        if (type == ServerDisconnect.class) {
            return new ServerDisconnect(message, f);
        }
        if (type == ProtocolError.class) {
            return new ProtocolError(message, f);
        }
        if (type == Overloaded.class) {
            return new Overloaded(message, f);
        }
        if (type == ServerError.class) {
            return new ServerError(message, f);
        }
        if (type == NoAvailableServers.class) {
            return new NoAvailableServers(message, f);
        }
        return new MemcachedException(message, f);
    }
}
