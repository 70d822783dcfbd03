package io.memcached2.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.CASFailure;
import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.ServerAddress;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import io.memcached2.testsupport.Poll;
import io.memcached2.testsupport.Twemproxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, "AUTO does not work through twemproxy": a client with default settings (protocol AUTO) whose only server
 * is a real nutcracker in front of two real memcached servers. nutcracker closes the connection in answer to the
 * probe {@code mn}, so the client must settle on the text protocol and then work like any text client: the common
 * commands, a steady load of gets on one connection, and a clear error for what only the meta protocol can do.
 */
@ExtendWith(MemcachedExtension.class)
class TwemproxyAutoTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Twemproxy inFront(List<MemcachedServer> servers) throws java.io.IOException {
        return Twemproxy.start(
                null,
                servers.stream()
                        .map(server -> ServerAddress.parse(server.uri()))
                        .toList());
    }

    private static Memcache<String> client(Twemproxy proxy) {
        return Memcache.builder().servers(proxy.uri()).build();
    }

    @Test
    void theCommonCommandsWork(@MemcachedServers(count = 2) List<MemcachedServer> servers) throws Exception {
        try (Twemproxy proxy = inFront(servers);
                Memcache<String> mc = client(proxy)) {
            mc.set("tw:a", "alpha");
            assertThat(mc.get("tw:a")).isEqualTo("alpha");
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                values.put("tw:m" + i, "v" + i);
                mc.set("tw:m" + i, "v" + i);
            }
            List<String> keys = new ArrayList<>(values.keySet());
            keys.add("tw:missing");
            assertThat(mc.getMulti(keys)).isEqualTo(values);

            mc.set("tw:n", "10");
            assertThat(mc.incr("tw:n", 5)).isEqualTo(15);
            assertThat(mc.decr("tw:n", 3)).isEqualTo(12);
            assertThat(mc.incr("tw:fresh", 1, 7, Duration.ofMinutes(1)))
                    .as("created at its initial value")
                    .isEqualTo(7);
            assertThat(mc.incr("tw:fresh", 1, 7, Duration.ofMinutes(1))).isEqualTo(8);

            assertThat(mc.delete("tw:a")).isTrue();
            assertThat(mc.delete("tw:a")).isFalse();
            assertThatThrownBy(() -> mc.get("tw:a")).isSameAs(NoValue.INSTANCE);

            mc.set("tw:c", "one");
            Item<String> item = mc.gets("tw:c");
            assertThat(item.value()).isEqualTo("one");
            mc.cas("tw:c", "two", item.cas());
            assertThat(mc.get("tw:c")).isEqualTo("two");
            assertThatThrownBy(() -> mc.cas("tw:c", "three", item.cas())).isInstanceOf(CASFailure.class);
            assertThat(mc.get("tw:c")).isEqualTo("two");
        }
    }

    @Test
    void tenThousandSteadyGetsOnOneConnection(@MemcachedServers(count = 2) List<MemcachedServer> servers)
            throws Exception {
        try (Twemproxy proxy = inFront(servers);
                Memcache<String> mc = client(proxy)) {
            for (int i = 0; i < 100; i++) {
                mc.set("tw:s" + i, "value " + i);
            }
            // how many connections it took to settle on a protocol is the probe's business; from here on, none
            Poll.until(
                    "nutcracker's stats to show the client's connection",
                    BOUND,
                    () -> proxy.stats().open == 1 && proxy.stats().forwarded >= 100);
            Twemproxy.Stats before = proxy.stats();
            int errors = 0;
            String firstError = null;
            for (int i = 0; i < 10_000; i++) {
                try {
                    String v = mc.get("tw:s" + i % 100);
                    assertThat(v).as("get %d", i).isEqualTo("value " + i % 100);
                } catch (RuntimeException e) {
                    errors++;
                    firstError = firstError == null ? e.toString() : firstError;
                }
            }
            assertThat(errors)
                    .as("errors among 10,000 gets; the first: " + firstError)
                    .isZero();
            Poll.until(
                    "nutcracker's stats to count the 10,000 gets",
                    BOUND,
                    () -> proxy.stats().forwarded >= before.forwarded + 10_000);
            Twemproxy.Stats after = proxy.stats();
            assertThat(after.open)
                    .as("client connections open at the end (" + after + ")")
                    .isEqualTo(1);
            assertThat(after.accepted())
                    .as("client connections accepted during the load (before: " + before + "; after: " + after + ")")
                    .isEqualTo(before.accepted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gat", "gats", "delete with a CAS unique"})
    void aMetaOnlyCommandFailsClearlyAndTheNextGetSucceeds(
            String command, @MemcachedServers(count = 2) List<MemcachedServer> servers) throws Exception {
        try (Twemproxy proxy = inFront(servers);
                Memcache<String> mc = client(proxy)) {
            mc.set("tw:k", "v");
            assertThat(mc.get("tw:k")).isEqualTo("v");
            Map<String, Consumer<Memcache<String>>> calls = Map.of(
                    "gat", m -> m.gat("tw:k", Duration.ofMinutes(5)),
                    "gats", m -> m.gats("tw:k", Duration.ofMinutes(5)),
                    "delete with a CAS unique", m -> m.delete("tw:k", 12345L));
            Throwable error = null;
            try {
                calls.get(command).accept(mc);
            } catch (RuntimeException e) {
                error = e;
            }
            String name = command.split(" ")[0];
            assertThat(error).as(command + " through a text-only proxy").isNotNull();
            assertThat(error.getMessage())
                    .as("the error names the command and the server: " + error)
                    .containsIgnoringCase(name)
                    .contains(proxy.hostAndPort());
            assertThat(mc.get("tw:k")).as("the next get, at once").isEqualTo("v");
        }
    }
}
