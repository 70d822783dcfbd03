package io.memcached2.internal.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The keys the compatibility tests store through real clients: ASCII keys, multi-byte UTF-8 keys (2-, 3- and 4-byte
 * characters) and long keys up to exactly 250 bytes. None has a space or control character, so every client accepts
 * them. Fixed seed: the same keys every run.
 */
final class CompatKeys {
    static final int MAX_KEY_BYTES = 250;
    private static final String[] UNICODE = {"é", "ü", "ß", "ж", "λ", "日", "本", "語", "キ", "한", "€", "😀", "🚀", "𝄞"};

    private CompatKeys() {}

    /** @return {@code count} distinct keys (at least 2,000 for the tests), a tenth multi-byte and a tenth long */
    static List<String> generate(int count) {
        Random random = new Random(20261124L);
        Set<String> keys = new LinkedHashSet<>();
        keys.add("k".repeat(MAX_KEY_BYTES));
        keys.add("日".repeat(MAX_KEY_BYTES / 3) + "k");
        while (keys.size() < count) {
            int kind = keys.size() % 10;
            if (kind == 0) {
                keys.add(unicodeKey(random));
            } else if (kind == 1) {
                keys.add(longKey(random));
            } else {
                keys.add("user:" + random.nextInt(1_000_000) + ":profile:" + Integer.toHexString(random.nextInt()));
            }
        }
        return new ArrayList<>(keys);
    }

    private static String unicodeKey(Random random) {
        StringBuilder key = new StringBuilder("u:");
        int chars = 1 + random.nextInt(12);
        for (int i = 0; i < chars; i++) {
            key.append(UNICODE[random.nextInt(UNICODE.length)]);
        }
        return key.append(':').append(random.nextInt(100_000)).toString();
    }

    /** A key of 100 to 250 UTF-8 bytes, sometimes with multi-byte characters, never over the limit. */
    private static String longKey(Random random) {
        int target = 100 + random.nextInt(MAX_KEY_BYTES - 100 + 1);
        StringBuilder key =
                new StringBuilder("long:").append(random.nextInt(1_000_000)).append(':');
        while (bytes(key) < target) {
            String next = random.nextInt(4) == 0
                    ? UNICODE[random.nextInt(UNICODE.length)]
                    : String.valueOf((char) ('a' + random.nextInt(26)));
            if (bytes(key) + next.getBytes(StandardCharsets.UTF_8).length > target) {
                next = "x";
            }
            key.append(next);
        }
        return key.toString();
    }

    private static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
