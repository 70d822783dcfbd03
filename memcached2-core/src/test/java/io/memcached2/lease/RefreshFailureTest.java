package io.memcached2.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A background refresh whose loader fails leaves the value readers are served: it only fails to replace it. */
@ExtendWith(MemcachedExtension.class)
class RefreshFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * A loader failure whose report the test can wait for: the client logs a failed refresh (with the exception's
     * text) after everything it does about the failure has been sent, so requests the test sends afterwards reach
     * the server after those.
     */
    private static final class Reported extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient CountDownLatch reported = new CountDownLatch(1);

        Reported() {
            super("backend down");
        }

        @Override
        public String toString() {
            reported.countDown();
            return super.toString();
        }

        void awaitReport() throws InterruptedException {
            assertThat(reported.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the failed refresh was reported")
                    .isTrue();
        }
    }

    private static Memcache<String> client(MemcachedServer server) {
        return Memcache.builder()
                .servers(server.uri())
                .protocol(Protocol.META)
                .operationTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static Function<String, String> failingWith(Reported failure) {
        return key -> {
            throw failure;
        };
    }

    @Test
    void failedEarlyRefreshKeepsTheValue(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            Store ttl = Store.ttl(Duration.ofSeconds(100));
            mc.set("warm", "current", ttl);
            Reported failure = new Reported();
            assertThat(mc.cache("warm", failingWith(failure), ttl.refreshAhead(Duration.ofSeconds(300))))
                    .isEqualTo("current");
            failure.awaitReport();
            assertThat(mc.get("warm")).isEqualTo("current");
        }
    }

    @Test
    void failedRefreshOfAStaleValueKeepsTheStaleValue(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            mc.set("page", "stale");
            assertThat(mc.invalidate("page")).isTrue();
            Reported failure = new Reported();
            assertThat(mc.async().cache("page", failingWith(failure)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("stale");
            failure.awaitReport();
            assertThat(mc.get("page")).isEqualTo("stale");
        }
    }
}
