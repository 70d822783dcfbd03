package io.memcached2.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
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
        assertThat(only(builder.build(TieRule.LOWER_INDEX, NAMES))).as("libmemcached: lower index").isZero();
        assertThat(only(builder.build(TieRule.LATER_INSERTED, NAMES))).as("spymemcached: added last").isEqualTo(1);
        // xmemcached: list sorted by name = [2 "a", 0 "b", 1 "c"], 7 % 3 = 1 -> server 0
        assertThat(only(builder.build(TieRule.XMEMCACHED, NAMES))).as("xmemcached: list[p % size]").isZero();
    }

    @Test
    void weightedPointCountHasTheFloat32Trap() {
        for (int n = 1; n <= 64; n++) {
            int expected = n == 25 || n == 47 || n == 50 || n == 55 || n == 61 ? 156 : 160;
            assertThat(PointScheme.weightedPoints(1, n, n)).as("points for %d equal servers", n).isEqualTo(expected);
        }
        assertThat(PointScheme.weightedPoints(1, 6, 3)).isEqualTo(80);
        assertThat(PointScheme.weightedPoints(3, 6, 3)).isEqualTo(240);
    }

    @Property(tries = 200)
    void lookupEqualsTreeMapCeilingWithWrap(@ForAll @Size(min = 1, max = 300) int[] points,
            @ForAll @Size(min = 1, max = 50) int[] hashes, @ForAll @IntRange(min = 1, max = 7) int servers) {
        Continuum.Builder builder = new Continuum.Builder();
        TreeMap<Long, Integer> reference = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            long point = points[i] & 0xffffffffL;
            builder.add(point, i % servers);
            reference.merge(point, i % servers, Math::min);
        }
        Continuum ring = builder.build(TieRule.LOWER_INDEX, new String[servers]);
        for (int h : hashes) {
            Map.Entry<Long, Integer> ceiling = reference.ceilingEntry(h & 0xffffffffL);
            int expected = (ceiling != null ? ceiling : reference.firstEntry()).getValue();
            assertThat(ring.owner(ring.lowerBound(h & 0xffffffffL))).isEqualTo(expected);
        }
    }

    private static int only(Continuum ring) {
        assertThat(ring.size()).isEqualTo(1);
        return ring.owner(0);
    }
}
