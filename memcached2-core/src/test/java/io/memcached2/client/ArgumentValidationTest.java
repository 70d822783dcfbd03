package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.InvalidURI;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.Store;
import io.memcached2.UnknownProtocol;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arguments refused before anything is sent (checked with a scripted server that records what arrives), server URIs,
 * and the transports: TLS refused clearly, UNIX sockets against a real memcached.
 */
@ExtendWith(MemcachedExtension.class)
class ArgumentValidationTest {
    private static final Pattern OPAQUE = Pattern.compile(" (O\\d+)");

    /** A fake memcached that answers every read with a miss, in either protocol. */
    private static FakeServer missingEverything() {
        FakeServer fake = FakeServer.start();
        fake.onCommand(line -> line.startsWith("mg "), line -> {
            Matcher m = OPAQUE.matcher(line);
            return ("EN" + (m.find() ? " " + m.group(1) : "") + "\r\n").getBytes();
        });
        fake.onCommand(line -> line.startsWith("md "), line -> {
            Matcher m = OPAQUE.matcher(line);
            return ("NF" + (m.find() ? " " + m.group(1) : "") + "\r\n").getBytes();
        });
        fake.whenLineStartsWith("get ", "END\r\n");
        fake.whenLineStartsWith("delete ", "NOT_FOUND\r\n");
        return fake;
    }

    private static String describe(String key) {
        return key == null ? "null" : key.length() > 20 ? key.substring(0, 20) + "...(" + key.length() + ")" : key;
    }

    /** Every single-key entry point, blocking and asynchronous. */
    private static List<Consumer<String>> singleKeyCalls(Memcache<String> mc) {
        List<Consumer<String>> calls = new ArrayList<>();
        calls.add(mc::get);
        calls.add(mc::gets);
        calls.add(k -> mc.gat(k, Duration.ofMinutes(1)));
        calls.add(k -> mc.gats(k, Duration.ofMinutes(1)));
        calls.add(k -> mc.set(k, "v"));
        calls.add(k -> mc.set(k, "v", Store.ttl(Duration.ofMinutes(1))));
        calls.add(k -> mc.add(k, "v"));
        calls.add(k -> mc.replace(k, "v"));
        calls.add(k -> mc.append(k, "v"));
        calls.add(k -> mc.prepend(k, "v"));
        calls.add(k -> mc.cas(k, "v", 5));
        calls.add(mc::delete);
        calls.add(k -> mc.delete(k, 5));
        calls.add(mc::deleteAll);
        calls.add(k -> mc.touch(k, Duration.ofMinutes(1)));
        calls.add(k -> mc.incr(k, 1));
        calls.add(k -> mc.decr(k, 1));
        calls.add(k -> mc.incr(k, 1, 0, Duration.ZERO));
        calls.add(k -> mc.cache(k, x -> "loaded"));
        calls.add(k -> mc.getMulti(Arrays.asList("fine", k)));
        calls.add(k -> mc.getsMulti(Arrays.asList("fine", k)));
        calls.add(k -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("fine", "v");
            m.put(k, "v");
            mc.setMulti(m);
        });
        calls.add(mc.async()::get);
        calls.add(k -> mc.async().set(k, "v"));
        calls.add(k -> mc.async().delete(k));
        calls.add(k -> mc.async().incr(k, 1));
        calls.add(k -> mc.async().touch(k, Duration.ofMinutes(1)));
        calls.add(k -> mc.async().getMulti(Arrays.asList(k)));
        return calls;
    }

    private static void assertRefusedBeforeSending(Protocol protocol, List<String> badKeys) {
        try (FakeServer fake = missingEverything();
                Memcache<String> mc = Support.client(protocol, fake.uri())) {
            for (String key : badKeys) {
                List<Consumer<String>> calls = singleKeyCalls(mc);
                for (int i = 0; i < calls.size(); i++) {
                    Consumer<String> call = calls.get(i);
                    Throwable t = Support.thrownBy(() -> call.accept(key));
                    assertThat(t)
                            .as("call #%d with key %s", i, describe(key))
                            .isInstanceOf(IllegalArgumentException.class);
                    String expected = key == null
                            ? "null"
                            : key.isEmpty() ? "empty" : io.memcached2.client.Keys.escapedPrefix(key);
                    assertThat(t.getMessage())
                            .as("message of call #%d names the key", i)
                            .contains(expected);
                }
            }
            // the connection works, and the one command that arrived is this one
            assertThatThrownBy(() -> mc.get("ok")).isSameAs(NoValue.INSTANCE);
            fake.awaitReceived(2, Duration.ofSeconds(5));
            assertThat(commands(fake)).hasSize(1);
            assertThat(commands(fake).get(0)).matches(protocol == Protocol.META ? "mg ok .*" : "get ok");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void badKeysInBothProtocolsAreRefusedBeforeAnythingIsSent(Protocol protocol) {
        assertRefusedBeforeSending(
                protocol,
                Arrays.asList(
                        null,
                        "",
                        "k".repeat(251),
                        "\u00e9".repeat(126),
                        "x".repeat(249) + "\u00e9",
                        "unpaired\ud800surrogate"));
    }

    @Test
    void keysTheTextProtocolCannotCarryAreRefusedBeforeAnythingIsSent() {
        assertRefusedBeforeSending(
                Protocol.TEXT,
                List.of(
                        "a b",
                        "cr\rkey",
                        "lf\nkey",
                        "crlf\r\nget other",
                        "tab\tkey",
                        "nul\u0000key",
                        "del\u007fkey",
                        "c1\u0085key",
                        " "));
    }

    @Test
    void keysOverTheBase64LimitAreRefusedInMeta() {
        assertRefusedBeforeSending(Protocol.META, List.of(" ".repeat(187), "a b".repeat(63)));
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void deleteMultiWithABadKeySendsNothing(Protocol protocol) {
        try (FakeServer fake = missingEverything();
                Memcache<String> mc = Support.client(protocol, fake.uri())) {
            assertThatThrownBy(() -> mc.deleteMulti(Arrays.asList("good1", "good2", "")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mc.get("ok")).isSameAs(NoValue.INSTANCE);
            fake.awaitReceived(2, Duration.ofSeconds(5));
            assertThat(commands(fake)).as("commands received").hasSize(1);
        }
    }

    /** What the fake received after the connection's greeting. */
    private static List<String> commands(FakeServer fake) {
        List<String> lines = fake.received();
        assertThat(lines.get(0)).as("greeting").isIn("mn", "version");
        return lines.subList(1, lines.size());
    }

    @Test
    void nullValuesAndLoadersAreRefused(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.META, server.uri())) {
            assertThatThrownBy(() -> mc.set("k", null))
                    .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
            assertThatThrownBy(() -> mc.cache("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> mc.set("k", "v", null))
                    .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
            assertThatThrownBy(() -> mc.get("k")).isSameAs(NoValue.INSTANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "memcached://",
                "memcached:///",
                "memcached://host:99999/",
                "memcached://host:0/",
                "memcached://host:abc/",
                "memcached://host:/",
                "memcached://a:b:c/",
                "memcached://host/path",
                "memcached://host/?weight=0",
                "memcached://host/?weight=x",
                "memcached://host/?color=red",
                "memcached://[::1/",
                "memcached://[::1]x/",
                "memcached://ho st/",
                "memcached://user@host/",
                "host:port",
                "host:123456789012",
                "memcached+unix://relative/path",
                "memcached+unix://"
            })
    void badUrisAreInvalidUriNamingTheInput(String uri) {
        assertThatThrownBy(() -> ServerAddress.parse(uri))
                .isInstanceOf(InvalidURI.class)
                .hasMessageContaining(uri);
        assertThatThrownBy(() -> Memcache.builder().servers(uri))
                .isInstanceOf(InvalidURI.class)
                .hasMessageContaining(uri);
        assertThatThrownBy(() -> Memcache.connect(uri))
                .isInstanceOf(InvalidURI.class)
                .hasMessageContaining(uri);
    }

    @Test
    void emptyUrisAreInvalid() {
        for (String uri : Arrays.asList(null, "", "   ")) {
            assertThatThrownBy(() -> ServerAddress.parse(uri)).isInstanceOf(InvalidURI.class);
        }
    }

    @Test
    void unknownSchemeIsUnknownProtocolNamingTheInput() {
        assertThatThrownBy(() -> Memcache.builder().servers("http://cache:11211/"))
                .isInstanceOf(UnknownProtocol.class)
                .hasMessageContaining("http://cache:11211/");
        assertThatThrownBy(() -> Memcache.builder().servers("redis://cache/"))
                .isInstanceOf(UnknownProtocol.class)
                .hasMessageContaining("redis");
    }

    @Test
    void goodUriFormsConnect(MemcachedServer server) {
        List<String> forms = List.of(
                server.uri(),
                "memcached://127.0.0.1:" + server.port(),
                "127.0.0.1:" + server.port(),
                "memcached://127.0.0.1:" + server.port() + "/?weight=3",
                "  memcached://127.0.0.1:" + server.port() + "/  ");
        for (String uri : forms) {
            try (Memcache<String> mc = Support.client(Protocol.META, uri)) {
                mc.set("k", uri);
                assertThat(mc.get("k")).isEqualTo(uri);
            }
        }
        assertThat(ServerAddress.parse("memcached://cache.internal/").port()).isEqualTo(11211);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"AUTO", "META", "TEXT"})
    void unixSocket(Protocol protocol) {
        try (MemcachedServer server = MemcachedServer.builder().unixSocket().start();
                Memcache<String> mc = Support.client(protocol, server.uri())) {
            assertThat(server.uri()).startsWith("memcached+unix:///");
            mc.set("k", "over a socket file");
            assertThat(mc.get("k")).isEqualTo("over a socket file");
            assertThat(mc.getMulti(List.of("k", "x"))).containsOnlyKeys("k");
            assertThat(mc.incr("n", 1, 41, Duration.ZERO)).isEqualTo(41);
            assertThat(mc.incr("n", 1)).isEqualTo(42);
            assertThat(mc.stats().get(0).currItems()).isEqualTo(2);
            assertThat(mc.version().values()).containsExactly("1.6.18");
        }
    }
}
