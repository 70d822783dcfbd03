package io.memcached2.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.memcached2.Memcache;
import io.memcached2.testkit.MemcachedConfig;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, "idle closes become errors": memcached with {@code -o idle_timeout=2} closes every connection idle for
 * longer than that, and a get after each such close must succeed.
 *
 * <p>memcached 1.6.18 checks idle connections on a thread of its own ({@code conn_timeout_thread}, not the LRU
 * maintainer): it walks every connection slot (about a second per pass), closes those whose last command is more
 * than {@code idle_timeout} ticks of its one-second clock ago, and then sleeps until the oldest remaining one could
 * expire. With {@code idle_timeout=2} a connection is closed about 3 s after its last command (measured: 2.97 to
 * 3.01 s, 3.8 s for the very first pass); {@code idle_timeout=1}, the smallest it accepts, closes after about 2 s.
 * A hundred closes one after the other would take five minutes, so 34 clients wait out the timeout together, three
 * times (102 closes in about 12 s). The test waits for the closes by watching {@code stats conns} until none of the clients' connections is
 * left, then issues each client's get at once.
 */
@ExtendWith(MemcachedExtension.class)
class IdleTimeoutTest {
    private static final int CLIENTS = 34;
    private static final int ROUNDS = 3;
    /** Two idle-check passes and more: the closes are due about 3 s after the last command. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(15);

    @Test
    @MemcachedConfig(extraArgs = {"-o", "idle_timeout=2"})
    void aGetAfterEveryIdleCloseSucceeds(MemcachedServer server) {
        List<Memcache<String>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                Memcache<String> mc = Memcache.builder().servers(server.uri()).build();
                clients.add(mc);
                mc.set("idle:" + c, "value " + c);
            }
            long kicksBefore = idleKicks(server);
            int gets = 0;
            List<String> errors = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> idle = Support.clientConnections(server.host(), server.port());
                assertThat(idle)
                        .as("the clients' connections before round " + round)
                        .isNotEmpty();
                Poll.until(
                        "memcached to close the idle connections " + idle,
                        CLOSE_BOUND,
                        () -> Support.clientConnections(server.host(), server.port()).stream()
                                .noneMatch(idle::contains));
                for (int c = 0; c < CLIENTS; c++) {
                    gets++;
                    try {
                        String v = clients.get(c).get("idle:" + c);
                        if (!("value " + c).equals(v)) {
                            errors.add("round " + round + ", client " + c + ": wrong value " + v);
                        }
                    } catch (RuntimeException e) {
                        errors.add("round " + round + ", client " + c + ": " + e);
                    }
                }
            }
            long kicks = idleKicks(server) - kicksBefore;
            assertThat(kicks).as("connections memcached closed as idle").isGreaterThanOrEqualTo(CLIENTS * ROUNDS);
            if (!errors.isEmpty()) {
                fail(errors.size() + " of " + gets + " gets after an idle close failed; the first ones:\n  "
                        + String.join("\n  ", errors.subList(0, Math.min(10, errors.size()))));
            }
        } finally {
            clients.forEach(Memcache::close);
        }
    }

    private static long idleKicks(MemcachedServer server) {
        return Long.parseLong(Support.stats(server.host(), server.port(), "").get("idle_kicks"));
    }
}
