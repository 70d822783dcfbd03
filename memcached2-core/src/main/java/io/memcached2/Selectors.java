package io.memcached2;

import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;

/** Placeholder until the routing work lands: first server only. */
public final class Selectors {
    private Selectors() {
    }

    /** @return the default selector */
    public static Selector ketama() {
        return servers -> (key, up) -> up.test(0) ? 0 : Placement.NONE;
    }
}
