package io.memcached2.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

class CacheKeysTest {
    private static final String NS = "app:users:1700000000000:";

    /** What the core's key check and every proxy accept: 1 to 250 bytes of visible ASCII. */
    private static void assertValid(String key) {
        assertThat(key.length()).isBetween(1, 250);
        assertThat(key.chars()).allMatch(c -> c > ' ' && c < 0x7f);
    }

    @Test
    void plainKeysStayReadable() {
        assertThat(CacheKeys.toKey(NS, "alice")).isEqualTo(NS + "alice");
        assertThat(CacheKeys.toKey(NS, 42L)).isEqualTo(NS + "42");
    }

    @Test
    void hostileKeysAreHashedBehindTheReadableNamespace() {
        List<Object> hostile = List.of(
                "with space",
                "tab\there",
                "new\r\nline",
                "nul\0byte",
                "del\u007f",
                "ünïcödé",
                "日本語",
                "emoji \uD83D\uDE00",
                "x".repeat(251),
                "y".repeat(10_000),
                "",
                new SimpleKey("a", 1),
                "#looks-hashed",
                "get foo\r\nflush_all");
        Set<String> seen = new HashSet<>();
        for (Object key : hostile) {
            String k = CacheKeys.toKey(NS, key);
            assertValid(k);
            assertThat(k).startsWith(NS + "#").hasSize(NS.length() + 44);
            seen.add(k);
        }
        assertThat(seen).hasSameSizeAs(hostile);
    }

    @Test
    void theLongestPlainKeyFitsAndOneMoreCharacterIsHashed() {
        String fits = "k".repeat(250 - NS.length());
        assertThat(CacheKeys.toKey(NS, fits)).isEqualTo(NS + fits);
        assertThat(CacheKeys.toKey(NS, fits + "k")).startsWith(NS + "#");
    }

    @Test
    void aPlainKeyNeverEqualsAHashedOne() {
        String hashed = CacheKeys.toKey(NS, "with space");
        String suffix = hashed.substring(NS.length());
        assertThat(CacheKeys.toKey(NS, suffix)).isNotEqualTo(hashed);
    }

    @Test
    void hashingIsStable() {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(CacheKeys.toKey(NS, "same key " + i));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(CacheKeys.toKey(NS, "same key " + i)).isEqualTo(first.get(i));
        }
    }

    @Test
    void theLongestNamespaceStillLeavesRoomForAHashedKey() {
        String prefix = CacheKeys.checkNamespacePart("key prefix", "p".repeat(CacheKeys.MAX_NAMESPACE_PART_LENGTH));
        String name = CacheKeys.checkNamespacePart("cache name", "n".repeat(CacheKeys.MAX_NAMESPACE_PART_LENGTH));
        String namespace = prefix + name + ":" + Long.toUnsignedString(-1L) + ":";
        assertValid(CacheKeys.toKey(namespace, "x".repeat(1000)));
        assertValid(CacheKeys.toKey(namespace, "with space"));
    }

    @Test
    void namespacePartsMustBeVisibleAsciiAndLeaveRoom() {
        assertThat(CacheKeys.checkNamespacePart("cache name", "users")).isEqualTo("users");
        assertThatThrownBy(() -> CacheKeys.checkNamespacePart("cache name", "my cache"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("visible ASCII");
        assertThatThrownBy(() -> CacheKeys.checkNamespacePart("key prefix", "\r\nflush_all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> CacheKeys.checkNamespacePart("key prefix", "p".repeat(91)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }
}
