package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A counter past 2^63 read with the long transcoder and written back stays a counter memcached increments. */
@ExtendWith(MemcachedExtension.class)
class LongCounterAgainstMemcachedTest {
    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void counterPastTwoToTheSixtyThreeSurvivesAReadAndWriteBack(Protocol protocol, MemcachedServer server) {
        try (Memcache<Long> mc = Memcache.builder(Transcoders.longs())
                .servers(server.uri())
                .protocol(protocol)
                .operationTimeout(Duration.ofSeconds(2))
                .build()) {
            mc.set("c", Long.MAX_VALUE);
            long past = mc.incr("c", 1);
            assertThat(Long.toUnsignedString(past)).isEqualTo("9223372036854775808");
            long read = mc.get("c");
            assertThat(read).isEqualTo(past);
            mc.set("c", read);
            assertThat(Long.toUnsignedString(mc.incr("c", 1))).isEqualTo("9223372036854775809");
            assertThat(mc.get("c")).isEqualTo(past + 1);

            mc.set("top", -1L);
            assertThat(mc.incr("top", 1)).as("2^64 - 1 wraps to 0").isZero();
        }
    }
}
