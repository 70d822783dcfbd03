package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Hasher;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.util.List;
import java.util.Objects;

/**
 * Ketama consistent hashing as one of the clients in {@link KetamaFlavor} does it, so keys land on the same servers
 * as that client. Lookups are a binary search over sorted {@code int} arrays and allocate nothing.
 */
public final class KetamaSelector implements Selector {
    private final KetamaFlavor flavor;
    private final Recipe recipe;
    private final RingFailover failover;

    private KetamaSelector(KetamaFlavor flavor, boolean failover) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.recipe = Recipe.of(flavor);
        this.failover = failover ? recipe.failover : RingFailover.OFF;
    }

    /**
     * @param flavor which client to match
     * @return that client's ring; a key whose primary is down goes elsewhere by the flavour's rule
     */
    public static KetamaSelector withFailover(KetamaFlavor flavor) {
        return new KetamaSelector(flavor, true);
    }

    /**
     * @param flavor which client to match
     * @return that client's ring; a key whose primary is down gets {@link Placement#NONE}
     */
    public static KetamaSelector withoutFailover(KetamaFlavor flavor) {
        return new KetamaSelector(flavor, false);
    }

    @Override
    public Placement place(List<ServerAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("ketama placement needs at least one server");
        }
        String[] names = new String[servers.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = recipe.naming.of(servers.get(i));
        }
        Continuum.Builder builder = new Continuum.Builder();
        recipe.points.addPoints(servers, names, builder);
        Continuum ring = builder.build(recipe.ties, names);
        return new RingPlacement(ring, recipe.keyHasher, failover);
    }

    @Override
    public String toString() {
        return "ketama(" + flavor + (failover == RingFailover.OFF ? ", no failover)" : ")");
    }

    /** What a flavour fixes: the node string, the points per server, the key hash, the tie rule and the failover. */
    private record Recipe(
            NodeNaming naming, PointScheme points, Hasher keyHasher, TieRule ties, RingFailover failover) {
        static Recipe of(KetamaFlavor flavor) {
            return switch (flavor) {
                case LIBMEMCACHED_WEIGHTED ->
                    new Recipe(
                            NodeNaming.LIBMEMCACHED,
                            PointScheme.WEIGHTED_MD5,
                            Md5Hasher.INSTANCE,
                            TieRule.LOWER_INDEX,
                            RingFailover.NEXT_POINT);
                case LIBMEMCACHED_KETAMA ->
                    new Recipe(
                            NodeNaming.LIBMEMCACHED,
                            PointScheme.LIBMEMCACHED_KETAMA,
                            OneAtATimeHasher.INSTANCE,
                            TieRule.LOWER_INDEX,
                            RingFailover.NEXT_POINT);
                case SPYMEMCACHED ->
                    new Recipe(
                            NodeNaming.SPYMEMCACHED,
                            PointScheme.SPYMEMCACHED,
                            Md5Hasher.INSTANCE,
                            TieRule.LATER_INSERTED,
                            RingFailover.SPYMEMCACHED);
                case SPYMEMCACHED_LIBMEMCACHED_FORMAT ->
                    new Recipe(
                            NodeNaming.SPYMEMCACHED_LIBMEMCACHED,
                            PointScheme.SPYMEMCACHED,
                            Md5Hasher.INSTANCE,
                            TieRule.LATER_INSERTED,
                            RingFailover.SPYMEMCACHED);
                case XMEMCACHED ->
                    new Recipe(
                            NodeNaming.XMEMCACHED,
                            PointScheme.XMEMCACHED,
                            Md5Hasher.INSTANCE,
                            TieRule.XMEMCACHED,
                            RingFailover.XMEMCACHED);
                case XMEMCACHED_UNRESOLVED ->
                    new Recipe(
                            NodeNaming.XMEMCACHED_UNRESOLVED,
                            PointScheme.XMEMCACHED,
                            Md5Hasher.INSTANCE,
                            TieRule.XMEMCACHED,
                            RingFailover.XMEMCACHED);
                case TWEMPROXY ->
                    new Recipe(
                            NodeNaming.TWEMPROXY,
                            PointScheme.WEIGHTED_MD5,
                            TwemproxyFnv1a64Hasher.INSTANCE,
                            TieRule.LOWER_INDEX,
                            RingFailover.NEXT_POINT);
                case TWEMPROXY_MD5 ->
                    new Recipe(
                            NodeNaming.TWEMPROXY,
                            PointScheme.WEIGHTED_MD5,
                            Md5Hasher.INSTANCE,
                            TieRule.LOWER_INDEX,
                            RingFailover.NEXT_POINT);
            };
        }
    }
}
