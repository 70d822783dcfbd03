package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.util.List;

/** python-memcached2's {@code SelectorFirst}: every key goes to the first server, up or not. */
public final class FirstSelector implements Selector {
    /** The shared instance. */
    public static final FirstSelector INSTANCE = new FirstSelector();

    private FirstSelector() {}

    @Override
    public Placement place(List<ServerAddress> servers) {
        // The seed returns the first server even when it is down (it tries to reconnect), so no up check here.
        return (key, up) -> 0;
    }

    @Override
    public String toString() {
        return "first";
    }
}
