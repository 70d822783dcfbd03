package io.memcached2.internal.events;

import io.memcached2.ServerAddress;
import io.memcached2.event.MemcacheListener;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered listeners of one client. Callers check {@link #active()} before building an event, so a client
 * without listeners allocates nothing. A listener that throws is logged once per listener and event, and the
 * request goes on.
 */
public final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    /** No listener. */
    public static final Events NONE = new Events(List.of());

    private final MemcacheListener[] listeners;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    private Events(List<MemcacheListener> listeners) {
        this.listeners = listeners.toArray(new MemcacheListener[0]);
    }

    /** @return events for these listeners, in this order; {@link #NONE} when there are none */
    public static Events of(List<MemcacheListener> listeners) {
        return listeners.isEmpty() ? NONE : new Events(List.copyOf(listeners));
    }

    /** @return whether any listener is registered */
    public boolean active() {
        return listeners.length > 0;
    }

    /** @return the listeners, in registration order (for dispatchers of the other events) */
    MemcacheListener[] listeners() {
        return listeners;
    }

    /**
     * Tells every listener a request started; call on the caller's thread, only when {@link #active()}.
     *
     * @return the listeners' states, to give back to {@link #ended}
     */
    public Object[] started(RequestStart start) {
        Object[] states = new Object[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            try {
                states[i] = listeners[i].requestStarted(start);
            } catch (RuntimeException | LinkageError e) {
                failed(listeners[i], "requestStarted", e);
            }
        }
        return states;
    }

    /** Tells every listener a request ended, with the states {@link #started} returned. */
    public void ended(RequestEnd end, Object[] states) {
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].requestEnded(end, states[i]);
            } catch (RuntimeException | LinkageError e) {
                failed(listeners[i], "requestEnded", e);
            }
        }
    }

    /**
     * Tells every listener a request was refused before the wire; call on the thread that refused it.
     *
     * @param server where it would have gone, or null
     */
    public void refused(String command, ServerAddress server, Throwable reason) {
        for (MemcacheListener l : listeners) {
            try {
                l.requestRefused(command, server, reason);
            } catch (RuntimeException | LinkageError e) {
                failed(l, "requestRefused", e);
            }
        }
    }

    /** Logs a listener's failure, once per listener and event. */
    void failed(MemcacheListener listener, String event, Throwable e) {
        if (logged.add(System.identityHashCode(listener) + ":" + event)) {
            LOG.warn("memcached listener {} threw from {} (logged once; the request goes on)", listener, event, e);
        }
    }
}
