package io.memcached2.routing;

import io.memcached2.ServerAddress;
import java.util.List;
import java.util.Objects;

/**
 * Ketama consistent hashing as one of the clients in {@link KetamaFlavor} does it, so keys land on the same servers
 * as that client. Lookups are a binary search over sorted {@code int} arrays and allocate nothing.
 */
public final class KetamaSelector implements Selector {
    private final KetamaFlavor flavor;
    private final boolean failover;

    /**
     * @param flavor which client to match
     * @param failover whether a key whose primary is down goes elsewhere (by the flavour's rule) or to no server
     */
    public KetamaSelector(KetamaFlavor flavor, boolean failover) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.failover = failover;
    }

    /** @return the same ring with failover off: a key whose primary server is down gets {@link Placement#NONE} */
    public KetamaSelector withoutFailover() {
        return new KetamaSelector(flavor, false);
    }

    /** @return the client flavour this selector matches */
    public KetamaFlavor flavor() {
        return flavor;
    }

    @Override
    public Placement place(List<ServerAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("ketama placement needs at least one server");
        }
        String[] names = new String[servers.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = flavor.naming.of(servers.get(i));
        }
        Continuum.Builder builder = new Continuum.Builder();
        flavor.points.addPoints(servers, names, builder);
        Continuum ring = builder.build(flavor.ties, names);
        return new RingPlacement(ring, flavor.keyHasher, failover ? flavor.failover : RingFailover.OFF);
    }

    @Override
    public String toString() {
        return "ketama(" + flavor + (failover ? ")" : ", no failover)");
    }
}
