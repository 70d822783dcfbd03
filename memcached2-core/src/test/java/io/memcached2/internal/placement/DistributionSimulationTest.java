package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Load spread and key movement by simulation, no servers: 100,000 keys over N nodes, then one node added.
 *
 * <p>Bounds. Spread: with K keys a node, sampling alone gives a relative spread of about 1/sqrt(K) (K = 100 at
 * N = 1000, so ±30% at 3 sigma); ketama's 160 points a server add about 1/sqrt(160) ≈ 8% a node (±25% at 3 sigma),
 * and the extremes over 1000 nodes sit near 4 sigma of both. The bounds are those plus a margin, and the same
 * bounds apply to the new node's share of moved keys (expected 1/(N+1)). Every moved key must move to the new node,
 * except for libmemcached's weighted ketama where its float32 share changes with N (see the assertion).
 */
class DistributionSimulationTest {
    private static final int KEYS = 100_000;
    private static final IntPredicate ALL_UP = i -> true;
    private static final List<byte[]> KEY_BYTES = keys();

    static Stream<Arguments> cases() {
        // selector, nodes, max/mean bound, min/mean bound
        return Stream.of(
                Arguments.of("ketama", 3, 1.30, 0.70),
                Arguments.of("ketama", 10, 1.35, 0.65),
                Arguments.of("ketama", 100, 1.45, 0.60),
                Arguments.of("ketama", 1000, 1.80, 0.35),
                Arguments.of("ketama-spymemcached", 3, 1.30, 0.70),
                Arguments.of("ketama-spymemcached", 10, 1.35, 0.65),
                Arguments.of("ketama-spymemcached", 100, 1.45, 0.60),
                Arguments.of("ketama-spymemcached", 1000, 1.80, 0.35),
                Arguments.of("rendezvous", 3, 1.05, 0.95),
                Arguments.of("rendezvous", 10, 1.10, 0.90),
                Arguments.of("rendezvous", 100, 1.25, 0.75),
                Arguments.of("rendezvous", 1000, 1.60, 0.45));
    }

    @ParameterizedTest(name = "{0}, {1} nodes")
    @MethodSource("cases")
    void spreadsKeysEvenlyAndMovesOnlyTheNewNodesShare(String name, int nodes, double maxBound, double minBound) {
        Selector selector = name.equals("ketama")
                ? Selectors.ketama()
                : name.equals("ketama-spymemcached")
                        ? Selectors.ketama(KetamaFlavor.SPYMEMCACHED)
                        : Selectors.rendezvous();
        List<ServerAddress> before = servers(nodes);
        List<ServerAddress> after = servers(nodes + 1);
        Placement placementBefore = selector.place(before);
        Placement placementAfter = selector.place(after);

        int[] counts = new int[nodes];
        int moved = 0;
        int movedElsewhere = 0;
        for (byte[] key : KEY_BYTES) {
            int was = placementBefore.select(key, ALL_UP);
            int now = placementAfter.select(key, ALL_UP);
            counts[was]++;
            if (now != was) {
                moved++;
                movedElsewhere += now == nodes ? 0 : 1;
            }
        }
        double mean = (double) KEYS / nodes;
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int c : counts) {
            max = Math.max(max, c);
            min = Math.min(min, c);
        }
        double movedFraction = (double) moved / KEYS;
        double ideal = 1.0 / (nodes + 1);
        System.out.printf(
                "%-10s N=%4d  max/mean=%.3f  min/mean=%.3f  moved=%.4f  ideal=%.4f  ratio=%.2f"
                        + "  not to the new node=%d%n",
                name, nodes, max / mean, min / mean, movedFraction, ideal, movedFraction / ideal, movedElsewhere);
        assertThat(max / mean).as("max/mean").isLessThan(maxBound);
        assertThat(min / mean).as("min/mean").isGreaterThan(minBound);
        boolean sameShares = !name.equals("ketama")
                || PointScheme.weightedPoints(1, nodes, nodes) == PointScheme.weightedPoints(1, nodes + 1, nodes + 1);
        if (sameShares) {
            assertThat(movedElsewhere).as("keys moved between old nodes").isZero();
            assertThat(movedFraction / ideal).as("moved / ideal").isBetween(minBound, maxBound);
        } else {
            // libmemcached's float32 share formula gives every node 160 points at one N and 156 at the next (or the
            // reverse), so keys also move between old nodes, as they do in libmemcached: at most 4 of 156 points'
            // worth, about 2.6% of all keys, on top of the new node's share.
            assertThat((double) movedElsewhere / KEYS)
                    .as("keys moved between old nodes")
                    .isLessThan(0.04);
            assertThat(movedFraction).as("moved").isLessThan(ideal * maxBound + 0.04);
        }
    }

    private static List<ServerAddress> servers(int n) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            servers.add(ServerAddress.parse("memcached://10.1." + (i / 250) + "." + (i % 250 + 1) + ":11211/"));
        }
        return servers;
    }

    private static List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add(("sim:" + i).getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }
}
