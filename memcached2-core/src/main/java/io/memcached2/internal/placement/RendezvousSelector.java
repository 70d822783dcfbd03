package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Rendezvous (highest random weight) hashing, for deployments with no other client to match: each server scores
 * the key and the highest score wins; a weighted server scores {@code -weight / ln(u)} with {@code u} uniform in
 * (0, 1), so it wins in proportion to its weight. Adding or removing a server moves only the keys it wins or held.
 * Servers are identified by {@code host[:port]} (or their {@code ?name=}), so the order of the list does not matter.
 * With failover, a key whose winner is down goes to the best-scoring server that is up.
 */
public final class RendezvousSelector implements Selector {
    /** A key whose best server is down goes to the next best one. */
    public static final RendezvousSelector WITH_FAILOVER = new RendezvousSelector(true);
    /** A key whose best server is down gets {@link Placement#NONE}. */
    public static final RendezvousSelector WITHOUT_FAILOVER = new RendezvousSelector(false);

    private final boolean failover;

    private RendezvousSelector(boolean failover) {
        this.failover = failover;
    }

    @Override
    public Placement place(List<ServerAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("rendezvous placement needs at least one server");
        }
        long[] seeds = new long[servers.size()];
        double[] weights = new double[servers.size()];
        boolean weighted = false;
        for (int i = 0; i < seeds.length; i++) {
            ServerAddress s = servers.get(i);
            String id = s.name() != null ? s.name() : NodeNaming.LIBMEMCACHED.of(s);
            seeds[i] = mix(fnv1a64(id.getBytes(StandardCharsets.UTF_8)));
            weights[i] = s.weight();
            weighted |= s.weight() != weights[0];
        }
        return weighted ? new Weighted(seeds, weights, failover) : new Unweighted(seeds, failover);
    }

    /** SplitMix64's finalizer: a bijection with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Full 64-bit FNV-1a; {@link #mix} repairs its weak avalanche. */
    static long fnv1a64(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return failover ? "rendezvous" : "rendezvous(no failover)";
    }

    /** Finds the top scorer once, and scans again among the servers that are up only when it is down. */
    private abstract static class Scores implements Placement {
        final long[] seeds;
        private final boolean failover;

        Scores(long[] seeds, boolean failover) {
            this.seeds = seeds;
            this.failover = failover;
        }

        @Override
        public final int select(byte[] key, IntPredicate up) {
            long k = fnv1a64(key);
            int winner = best(k, null);
            if (up.test(winner)) {
                return winner;
            }
            return failover ? best(k, up) : NONE;
        }

        /** @return the top-scoring server among those {@code eligible} accepts (all if null), or NONE */
        abstract int best(long keyHash, IntPredicate eligible);
    }

    /** Equal weights: the raw 64-bit scores compare directly, no logarithm needed. */
    private static final class Unweighted extends Scores {
        Unweighted(long[] seeds, boolean failover) {
            super(seeds, failover);
        }

        @Override
        int best(long keyHash, IntPredicate eligible) {
            int best = NONE;
            long bestScore = 0;
            for (int i = 0; i < seeds.length; i++) {
                long score = mix(keyHash ^ seeds[i]);
                if ((best == NONE || Long.compareUnsigned(score, bestScore) > 0)
                        && (eligible == null || eligible.test(i))) {
                    best = i;
                    bestScore = score;
                }
            }
            return best;
        }
    }

    /** Weighted scores {@code -w / ln(u)}. */
    private static final class Weighted extends Scores {
        private final double[] weights;

        Weighted(long[] seeds, double[] weights, boolean failover) {
            super(seeds, failover);
            this.weights = weights;
        }

        @Override
        int best(long keyHash, IntPredicate eligible) {
            int best = NONE;
            double bestScore = 0;
            for (int i = 0; i < seeds.length; i++) {
                // The top 53 bits give u in (0, 1): never 0 or 1, so the logarithm is finite and negative.
                double u = ((mix(keyHash ^ seeds[i]) >>> 11) + 0.5) * 0x1.0p-53;
                double score = -weights[i] / Math.log(u);
                if ((best == NONE || score > bestScore) && (eligible == null || eligible.test(i))) {
                    best = i;
                    bestScore = score;
                }
            }
            return best;
        }
    }
}
