package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code select} runs on every request, so it must not allocate, on the failover paths included. */
class SelectAllocationTest {
    private static final int CALLS = 200_000;

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of(Selectors.ketama()),
                Arguments.of(Selectors.ketama(KetamaFlavor.LIBMEMCACHED_KETAMA)),
                Arguments.of(Selectors.ketama(KetamaFlavor.SPYMEMCACHED)),
                Arguments.of(Selectors.ketama(KetamaFlavor.XMEMCACHED_UNRESOLVED)),
                Arguments.of(Selectors.ketama(KetamaFlavor.TWEMPROXY)),
                Arguments.of(Selectors.pythonMemcached()),
                Arguments.of(Selectors.rendezvous()),
                Arguments.of(Selectors.rehashDownServers(10)),
                Arguments.of(Selectors.fractalSharding()),
                Arguments.of(Selectors.consistentHashing(64)),
                Arguments.of(Selectors.first()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void selectAllocatesNothing(Selector selector) {
        Placement placement = selector.place(servers(8));
        byte[][] keys = new byte[1024][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ("alloc:" + i + ":" + "x".repeat(i % 200)).getBytes(StandardCharsets.UTF_8);
        }
        IntPredicate someDown = i -> i % 3 != 1;
        // The least of a few rounds, so one-off work while the JIT settles does not count.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long before = allocatedBytes();
            assertThat(run(placement, keys, someDown)).isNotZero();
            allocated = Math.min(allocated, allocatedBytes() - before);
        }
        // Slack for the measuring itself; a single allocation a call would be megabytes.
        assertThat(allocated).as("bytes allocated by %d selects", CALLS).isLessThan(4_096);
    }

    /**
     * This thread's allocation counter, through reflection because the io.memcached2 module (which the tests patch)
     * does not read java.management.
     */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
            Method counter =
                    Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (Long) counter.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM cannot count allocated bytes per thread", e);
        }
    }

    private static long run(Placement placement, byte[][] keys, IntPredicate up) {
        long sum = 1;
        for (int i = 0; i < CALLS; i++) {
            sum += placement.select(keys[i & (keys.length - 1)], up);
        }
        return sum;
    }

    private static List<ServerAddress> servers(int n) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            servers.add(ServerAddress.parse("memcached://127.0.0.1:" + (30000 + i) + "/"));
        }
        return servers;
    }
}
