package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Hashers;
import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The python-memcached2 (seed) selectors. Expected indexes for keys {@code key:0} … {@code key:39} come from running
 * the seed's own selector code (linsomniac/python-memcached2 at 2f1c0b1, HasherCMemcache) under Debian's python3.
 */
class SeedSelectorsTest {
    private static final List<byte[]> KEYS = keys(40);

    @Test
    void firstAlwaysPicksServerZero() {
        Placement placement = Selectors.first().place(servers(3));
        assertThat(placement.select(bytes("anything"), i -> false)).isZero();
    }

    @Test
    void rehashAndFractalEqualPythonMemcachedWhileAllServersAreUp() {
        for (int n = 1; n <= 7; n++) {
            Placement python = Selectors.pythonMemcached().place(servers(n));
            Placement rehash = Selectors.rehashDownServers(10).place(servers(n));
            Placement fractal = Selectors.fractalSharding().place(servers(n));
            for (byte[] key : keys(2_000)) {
                int expected = python.select(key, i -> true);
                assertThat(rehash.select(key, i -> true)).isEqualTo(expected);
                assertThat(fractal.select(key, i -> true)).isEqualTo(expected);
            }
        }
    }

    @Test
    void rehashDownServersTriesKeyPlusCounterSuffixes() {
        Placement placement = Selectors.rehashDownServers(10).place(servers(3));
        IntPredicate up = i -> i != 0;
        for (byte[] key : keys(500)) {
            int expected = (int) (Hashers.cmemcache().hash(key) % 3);
            for (int i = 0; expected == 0; i++) {
                expected = (int) (Hashers.cmemcache().hash(concat(key, Integer.toString(i))) % 3);
            }
            assertThat(placement.select(key, up)).isEqualTo(expected);
        }
    }

    @Test
    void rehashDownServersGivesUpAfterItsRetries() {
        assertThat(Selectors.rehashDownServers(10).place(servers(3)).select(bytes("k"), i -> false))
                .isEqualTo(Placement.NONE);
        Placement noRetry = Selectors.rehashDownServers(0).place(servers(3));
        byte[] key = bytes("k");
        int primary = noRetry.select(key, i -> true);
        assertThat(noRetry.select(key, i -> i != primary)).isEqualTo(Placement.NONE);
        assertThatThrownBy(() -> Selectors.rehashDownServers(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid retries count -1");
    }

    @Test
    void fractalShardingMatchesTheSeedWithServersDown() {
        assertSeed(
                Selectors.fractalSharding(),
                5,
                Set.of(0, 2, 4),
                4,
                2,
                0,
                2,
                4,
                4,
                2,
                0,
                2,
                0,
                0,
                4,
                4,
                4,
                4,
                2,
                2,
                0,
                4,
                2,
                0,
                4,
                2,
                2,
                2,
                4,
                0,
                2,
                4,
                2,
                4,
                2,
                0,
                4,
                4,
                4,
                0,
                0,
                4,
                0);
        assertSeed(
                Selectors.fractalSharding(),
                4,
                Set.of(1, 2, 3),
                2,
                3,
                2,
                1,
                1,
                2,
                3,
                3,
                3,
                2,
                3,
                3,
                2,
                1,
                1,
                2,
                3,
                3,
                3,
                3,
                1,
                2,
                3,
                2,
                1,
                3,
                2,
                1,
                2,
                1,
                2,
                1,
                1,
                3,
                3,
                3,
                1,
                2,
                1,
                2);
    }

    @Test
    void fractalShardingSpreadsADownServersKeysEvenlyAndMovesNoOthers() {
        int n = 5;
        Placement placement = Selectors.fractalSharding().place(servers(n));
        int[] received = new int[n];
        for (byte[] key : keys(50_000)) {
            int before = placement.select(key, i -> true);
            int after = placement.select(key, i -> i != 2);
            if (before == 2) {
                received[after]++;
            } else {
                assertThat(after).isEqualTo(before);
            }
        }
        int moved = received[0] + received[1] + received[3] + received[4];
        assertThat(received[2]).isZero();
        for (int s : new int[] {0, 1, 3, 4}) {
            assertThat((double) received[s] / moved).as("share of server %d", s).isBetween(0.20, 0.30);
        }
    }

    @Test
    void consistentHashingMatchesTheSeedAndHonoursTheBucketCount() {
        assertSeed(
                Selectors.consistentHashing(9),
                3,
                Set.of(0, 1, 2),
                1,
                2,
                2,
                1,
                1,
                2,
                2,
                1,
                1,
                2,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                2,
                2,
                2,
                1,
                1,
                2,
                1,
                1,
                2,
                2,
                1,
                2,
                2,
                2,
                1,
                1,
                2,
                1,
                1,
                2);
        assertSeed(
                Selectors.consistentHashing(9),
                3,
                Set.of(1, 2),
                1,
                2,
                2,
                1,
                1,
                2,
                2,
                1,
                1,
                2,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                2,
                2,
                2,
                1,
                1,
                2,
                1,
                1,
                2,
                2,
                1,
                2,
                2,
                2,
                1,
                1,
                2,
                1,
                1,
                2);
        assertSeed(
                Selectors.consistentHashing(50),
                4,
                Set.of(0, 3),
                0,
                0,
                3,
                3,
                0,
                0,
                3,
                3,
                0,
                0,
                3,
                3,
                3,
                3,
                0,
                3,
                3,
                3,
                3,
                3,
                0,
                0,
                3,
                0,
                0,
                0,
                3,
                3,
                0,
                3,
                0,
                3,
                0,
                0,
                3,
                3,
                0,
                0,
                3,
                3);
        assertSeed(
                Selectors.consistentHashing(5000),
                3,
                Set.of(0, 1),
                0,
                1,
                0,
                0,
                0,
                1,
                0,
                1,
                1,
                1,
                1,
                0,
                1,
                0,
                1,
                1,
                0,
                0,
                0,
                1,
                0,
                1,
                0,
                1,
                1,
                1,
                1,
                0,
                0,
                1,
                0,
                0,
                1,
                1,
                0,
                1,
                0,
                1,
                1,
                1);
    }

    @Test
    void consistentHashingRejectsABadBucketCountAndGivesUpWhenAllAreDown() {
        assertThatThrownBy(() -> Selectors.consistentHashing(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid bucket count 0");
        assertThat(Selectors.consistentHashing(9).place(servers(3)).select(bytes("k"), i -> false))
                .isEqualTo(Placement.NONE);
    }

    private static void assertSeed(Selector selector, int n, Set<Integer> up, int... expected) {
        Placement placement = selector.place(servers(n));
        for (int i = 0; i < KEYS.size(); i++) {
            assertThat(placement.select(KEYS.get(i), up::contains))
                    .as("%s, key:%d", selector, i)
                    .isEqualTo(expected[i]);
        }
    }

    static List<ServerAddress> servers(int n) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            servers.add(ServerAddress.parse("memcached://10.0." + (i / 250) + "." + (i % 250 + 1) + ":11211/"));
        }
        return servers;
    }

    static List<byte[]> keys(int count) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(bytes("key:" + i));
        }
        return keys;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] key, String suffix) {
        byte[] s = bytes(suffix);
        byte[] out = Arrays.copyOf(key, key.length + s.length);
        System.arraycopy(s, 0, out, key.length, s.length);
        return out;
    }
}
