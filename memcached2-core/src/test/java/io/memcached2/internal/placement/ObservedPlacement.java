package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** Where a real client put each key, read back from the servers, and the check that a selector agrees. */
final class ObservedPlacement {
    private final List<ServerAddress> servers;
    private final List<String> keys;
    private final List<Set<String>> held = new ArrayList<>();

    /** Reads back which server holds each key. */
    ObservedPlacement(List<ServerAddress> servers, List<String> keys) {
        this(servers, keys, i -> true);
    }

    /** Reads back which server holds each key, from the servers that are {@code up}; the others hold nothing. */
    ObservedPlacement(List<ServerAddress> servers, List<String> keys, IntPredicate up) {
        this.servers = servers;
        this.keys = keys;
        for (int i = 0; i < servers.size(); i++) {
            ServerAddress s = servers.get(i);
            held.add(up.test(i) ? ServerKeys.held(s.host(), s.port(), keys) : Set.of());
        }
    }

    /** Asserts every key is on exactly one server and {@code selector} picks that server, given which are up. */
    void assertMatches(Selector selector, IntPredicate up) {
        Placement placement = selector.place(servers);
        List<String> wrong = new ArrayList<>();
        for (String key : keys) {
            int actual = -1;
            for (int i = 0; i < held.size(); i++) {
                if (held.get(i).contains(key)) {
                    assertThat(actual)
                            .as("key %s is on server %d and on server %d", key, actual, i)
                            .isEqualTo(-1);
                    actual = i;
                }
            }
            assertThat(actual)
                    .as("key %s is on no server: the client did not store it", key)
                    .isNotEqualTo(-1);
            int expected = placement.select(key.getBytes(StandardCharsets.UTF_8), up);
            if (expected != actual) {
                wrong.add(key + " (client: " + actual + ", " + selector + ": " + expected + ")");
            }
        }
        assertThat(wrong.size())
                .as(
                        "keys of %d placed differently by %s; first: %s",
                        keys.size(), selector, wrong.subList(0, Math.min(5, wrong.size())))
                .isZero();
    }

    /** Asserts the selector agrees while every server is up. */
    void assertMatches(Selector selector) {
        assertMatches(selector, i -> true);
    }
}
