package io.memcached2.spring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Turns Spring cache keys (any object) into memcached keys that every protocol and proxy carries unchanged.
 *
 * <p>A key is {@code namespace + String.valueOf(key)} when that is at most {@link #MAX_KEY_LENGTH} characters of
 * visible ASCII ({@code !} to {@code ~}) and does not start with {@link #HASH_MARK}. Any other key (spaces, control
 * characters, non-ASCII text, too long) becomes {@code namespace + "#" + base64url(SHA-256(UTF-8 of the key))}: 44
 * characters after the readable namespace, which names the prefix and cache. A plain key never starts with
 * {@code #}, so a plain key and a hashed one cannot be equal. Two keys whose {@code toString()} is the same share an
 * entry, as with Spring's other remote caches.
 */
public final class CacheKeys {
    /** memcached's limit on a key, in bytes. */
    public static final int MAX_KEY_LENGTH = 250;
    /** Starts the hashed part of a key. */
    public static final char HASH_MARK = '#';
    /** Length of the hashed part: the mark and 43 base64url characters. */
    static final int HASHED_LENGTH = 44;
    /**
     * Longest key prefix, and longest cache name: two of them, two colons and a 20-digit generation leave room for
     * a hashed key (90 + 90 + 2 + 20 + 44 = 246).
     */
    public static final int MAX_NAMESPACE_PART_LENGTH = 90;

    private CacheKeys() {}

    /**
     * @param namespace the prefix of every key of one cache generation; visible ASCII (see {@link #checkNamespacePart})
     * @param key the Spring cache key
     * @return a valid memcached key for it
     */
    public static String toKey(String namespace, Object key) {
        String text = String.valueOf(key);
        if (namespace.length() + text.length() <= MAX_KEY_LENGTH && isPlain(text)) {
            return namespace + text;
        }
        return namespace + HASH_MARK + sha256(text);
    }

    /**
     * Checks a part of the namespace (key prefix, cache name) given by configuration.
     *
     * @param what what the part is, for the message
     * @param part the text
     * @return the part
     * @throws IllegalArgumentException if it is not visible ASCII, or leaves no room for a hashed key
     */
    public static String checkNamespacePart(String what, String part) {
        if (part.length() > MAX_NAMESPACE_PART_LENGTH) {
            throw new IllegalArgumentException(what + " is " + part.length() + " characters, over the limit of "
                    + MAX_NAMESPACE_PART_LENGTH + " that leaves room for the key");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(what + " must be visible ASCII (no spaces or control characters):"
                        + " character " + i + " of '" + part.replaceAll("[^\\x21-\\x7e]", "?") + "' is not");
            }
        }
        return part;
    }

    private static boolean isPlain(String text) {
        if (text.isEmpty() || text.charAt(0) == HASH_MARK) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
