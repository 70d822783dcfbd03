package io.memcached2.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against two real memcached servers: every meter moves as the traffic says. */
@ExtendWith(MemcachedExtension.class)
class MemcachedMetricsTrafficTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MemcachedMetrics metrics = new MemcachedMetrics("orders", Tags.empty());

    private double gets(String result) {
        return registry.get("cache.gets")
                .tag("result", result)
                .functionCounter()
                .count();
    }

    private long timed(String command, String outcome) {
        return registry
                .find("memcached.client.requests")
                .tag("command", command)
                .tag("outcome", outcome)
                .timers()
                .stream()
                .mapToLong(Timer::count)
                .sum();
    }

    @Test
    void everyMeterMovesAsTheTrafficSays(@MemcachedServers(count = 2) List<MemcachedServer> servers) throws Exception {
        metrics.bindTo(registry);
        try (Memcache<String> mc = Memcache.builder()
                .servers(servers.get(0).uri(), servers.get(1).uri())
                .listener(metrics)
                .build()) {
            MemcachedMetricsTest.await(
                    "both servers connected",
                    () -> registry.find("memcached.client.connections").gauges().stream()
                                    .mapToDouble(g -> g.value())
                                    .sum()
                            == 2);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                keys.add("order:" + i);
                mc.set("order:" + i, "value " + i);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(mc.get("order:" + i)).isEqualTo("value " + i);
            }
            for (int i = 0; i < 3; i++) {
                String absent = "absent:" + i;
                assertThatThrownBy(() -> mc.get(absent)).isInstanceOf(NoValue.class);
            }
            List<String> multi = new ArrayList<>(keys.subList(5, 10));
            multi.add("absent:a");
            multi.add("absent:b");
            assertThat(mc.getMulti(multi)).hasSize(5);
            assertThat(mc.async().get("order:1").get(5, TimeUnit.SECONDS)).isEqualTo("value 1");

            assertThat(gets("hit")).isEqualTo(5 + 5 + 1);
            assertThat(gets("miss")).isEqualTo(3 + 2);
            assertThat(registry.get("cache.puts").functionCounter().count()).isEqualTo(10);
            assertThat(timed("set", "stored")).isEqualTo(10);
            assertThat(timed("get", "hit")).isEqualTo(5 + 1 + 1);
            assertThat(timed("get", "miss")).isEqualTo(3);
            assertThat(registry.get("memcached.client.requests")
                            .tag("server", MemcachedMetrics.MULTIPLE_SERVERS)
                            .timer()
                            .count())
                    .as("the multi-key get touched both servers")
                    .isEqualTo(1);
            for (MemcachedServer s : servers) {
                String tag = s.host() + ":" + s.port();
                assertThat(registry.find("memcached.client.requests")
                                .tag("command", "set")
                                .tag("server", tag)
                                .timers())
                        .as("sets reached %s", tag)
                        .isNotEmpty();
            }
            assertThat(registry.get("memcached.client.requests.inflight")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("memcached.client.bytes.sent").counter().count())
                    .isPositive();
            assertThat(registry.get("memcached.client.bytes.received").counter().count())
                    .isPositive();
        }
    }
}
