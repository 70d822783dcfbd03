package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.routing.Placement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: weights, failover, and independence from the order of the server list. */
class RendezvousSelectorTest {
    private static final int KEYS = 60_000;

    @Test
    void weightsSetEachServersShare() {
        List<ServerAddress> servers = List.of(
                ServerAddress.parse("memcached://a:11211/?weight=1"),
                ServerAddress.parse("memcached://b:11211/?weight=2"),
                ServerAddress.parse("memcached://c:11211/?weight=3"));
        Placement placement = Selectors.rendezvous().place(servers);
        int[] counts = new int[3];
        for (int k = 0; k < KEYS; k++) {
            counts[placement.select(key(k), i -> true)]++;
        }
        // Expected shares 1/6, 2/6, 3/6; sampling noise on 60,000 keys is well under 1 point of share.
        for (int i = 0; i < 3; i++) {
            assertThat((double) counts[i] / KEYS)
                    .as("share of weight %d", i + 1)
                    .isCloseTo((i + 1) / 6.0, offset(0.015));
        }
    }

    @Test
    void aDownServersKeysGoToTheRestAndNoOtherKeyMoves() {
        List<ServerAddress> servers = servers(5);
        Placement placement = Selectors.rendezvous().place(servers);
        Placement strict = Selectors.rendezvousWithoutFailover().place(servers);
        int[] received = new int[5];
        for (int k = 0; k < KEYS; k++) {
            int primary = placement.select(key(k), i -> true);
            int failover = placement.select(key(k), i -> i != 3);
            if (primary == 3) {
                received[failover]++;
                assertThat(strict.select(key(k), i -> i != 3)).isEqualTo(Placement.NONE);
            } else {
                assertThat(failover).isEqualTo(primary);
            }
        }
        assertThat(received[3]).isZero();
        for (int s : new int[] {0, 1, 2, 4}) {
            assertThat(received[s]).as("keys server %d took over", s).isBetween(2_400, 3_600);
        }
        assertThat(placement.select(key(1), i -> false)).isEqualTo(Placement.NONE);
    }

    @Test
    void placementDependsOnServerIdentitiesNotListOrder() {
        List<ServerAddress> servers = servers(7);
        List<ServerAddress> shuffled = new ArrayList<>(servers);
        Collections.reverse(shuffled);
        Placement a = Selectors.rendezvous().place(servers);
        Placement b = Selectors.rendezvous().place(shuffled);
        for (int k = 0; k < 5_000; k++) {
            assertThat(shuffled.get(b.select(key(k), i -> true))).isEqualTo(servers.get(a.select(key(k), i -> true)));
        }
    }

    private static List<ServerAddress> servers(int n) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            servers.add(ServerAddress.parse("memcached://cache" + i + ".internal:11211/"));
        }
        return servers;
    }

    private static byte[] key(int k) {
        return ("rv:" + k).getBytes(StandardCharsets.UTF_8);
    }
}
