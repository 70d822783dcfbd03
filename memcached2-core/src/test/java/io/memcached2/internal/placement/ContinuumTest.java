package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The ring structure: unsigned order, wrap-around, tie rules and the float32 point count. */
class ContinuumTest {
    private static final String[] NAMES = {"b", "c", "a"};

    @Test
    void pointsCompareUnsignedAndLookupWrapsPastTheLastPoint() {
        Continuum.Builder builder = new Continuum.Builder();
        builder.add(0xffff0000L, 2);
        builder.add(10, 0);
        builder.add(0x80000000L, 1);
        Continuum ring = builder.build(TieRule.LOWER_INDEX, NAMES);
        assertThat(ring.owner(ring.lowerBound(5))).isZero();
        assertThat(ring.owner(ring.lowerBound(10))).isZero();
        assertThat(ring.owner(ring.lowerBound(11))).isEqualTo(1);
        assertThat(ring.owner(ring.lowerBound(0x80000001L))).isEqualTo(2);
        assertThat(ring.owner(ring.lowerBound(0xffffffffL))).isZero();
    }

    @Test
    void sharedPointsFollowEachClientsTieRule() {
        // Servers 2, 0 and 1 (names "a", "b", "c") all hash to point 7, added in that order.
        Continuum.Builder builder = new Continuum.Builder();
        builder.add(7, 2);
        builder.add(7, 0);
        builder.add(7, 1);
        assertThat(only(builder.build(TieRule.LOWER_INDEX, NAMES)))
                .as("libmemcached: lower index")
                .isZero();
        assertThat(only(builder.build(TieRule.LATER_INSERTED, NAMES)))
                .as("spymemcached: added last")
                .isEqualTo(1);
        // xmemcached: list sorted by name = [2 "a", 0 "b", 1 "c"], 7 % 3 = 1 -> server 0
        assertThat(only(builder.build(TieRule.XMEMCACHED, NAMES)))
                .as("xmemcached: list[p % size]")
                .isZero();
    }

    @Test
    void weightedPointCountHasTheFloat32Trap() {
        for (int n = 1; n <= 64; n++) {
            int expected = n == 25 || n == 47 || n == 50 || n == 55 || n == 61 ? 156 : 160;
            assertThat(PointScheme.weightedPoints(1, n, n))
                    .as("points for %d equal servers", n)
                    .isEqualTo(expected);
        }
        assertThat(PointScheme.weightedPoints(1, 6, 3)).isEqualTo(80);
        assertThat(PointScheme.weightedPoints(3, 6, 3)).isEqualTo(240);
    }

    @Test
    void lookupEqualsTreeMapCeilingWithWrapOnRandomRings() {
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            int servers = 1 + random.nextInt(7);
            Continuum.Builder builder = new Continuum.Builder();
            TreeMap<Long, Integer> reference = new TreeMap<>();
            int points = 1 + random.nextInt(trial % 2 == 0 ? 300 : 3);
            for (int i = 0; i < points; i++) {
                // A narrow range now and then, so that shared points and neighbours of the sign bit both occur.
                long point = trial % 3 == 0 ? 0x7ffffff0L + random.nextInt(32) : random.nextInt() & 0xffffffffL;
                builder.add(point, i % servers);
                reference.merge(point, i % servers, Math::min);
            }
            Continuum ring = builder.build(TieRule.LOWER_INDEX, new String[servers]);
            for (int probe = 0; probe < 50; probe++) {
                long h = trial % 3 == 0 ? 0x7fffffe0L + random.nextInt(64) : random.nextInt() & 0xffffffffL;
                Map.Entry<Long, Integer> ceiling = reference.ceilingEntry(h);
                int expected = (ceiling != null ? ceiling : reference.firstEntry()).getValue();
                assertThat(ring.owner(ring.lowerBound(h))).as("hash %d", h).isEqualTo(expected);
            }
        }
    }

    private static int only(Continuum ring) {
        assertThat(ring.size()).isEqualTo(1);
        return ring.owner(0);
    }
}
