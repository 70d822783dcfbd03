package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Key rules. memcached itself only enforces the length and the space separator, so the client enforces the
 * documented rule (no whitespace or control characters) to keep keys from injecting commands. In meta mode, a
 * key that breaks the rule travels base64-encoded instead.
 */
public final class Keys {
    /** Longest key memcached accepts, in bytes. */
    public static final int MAX_KEY_BYTES = 250;
    /** Longest raw key that fits in 250 base64 characters. */
    public static final int MAX_BINARY_KEY_BYTES = 186;

    private Keys() {}

    /**
     * Checks a key and tells how it must travel.
     *
     * @param key the key
     * @param meta whether the connection speaks the meta protocol (which can carry any key base64-encoded)
     * @return {@link Command#KEY_ASCII}, {@link Command#KEY_UTF8} or {@link Command#KEY_BASE64}
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public static byte check(String key, boolean meta) {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        int n = key.length();
        if (n == 0) {
            throw new IllegalArgumentException("key is empty");
        }
        boolean ascii = true;
        boolean unsafe = false;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                unsafe = true;
            } else if (c >= 0x80) {
                ascii = false;
                if (Character.isSurrogate(c) && !validSurrogateAt(key, i)) {
                    throw new IllegalArgumentException("key has an unpaired surrogate at index " + i
                            + ", so it has no UTF-8 form: '" + escape(key) + "'");
                }
                if (c <= 0x9f) {
                    unsafe = true;
                }
            }
        }
        int bytes = ascii ? n : ByteBufUtil.utf8Bytes(key);
        if (!unsafe) {
            if (bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("key is " + bytes + " bytes of UTF-8, over the limit of "
                        + MAX_KEY_BYTES + ": '" + escape(key) + "'");
            }
            return ascii ? Command.KEY_ASCII : Command.KEY_UTF8;
        }
        if (!meta) {
            throw new IllegalArgumentException("key contains a space, a control character or DEL, which the text "
                    + "protocol cannot carry: '" + escape(key) + "'");
        }
        if (bytes > MAX_BINARY_KEY_BYTES) {
            throw new IllegalArgumentException("key with spaces or control characters is " + bytes
                    + " bytes, over the limit of " + MAX_BINARY_KEY_BYTES + " for base64 keys: '" + escape(key) + "'");
        }
        return Command.KEY_BASE64;
    }

    private static boolean validSurrogateAt(String key, int i) {
        char c = key.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(key.charAt(i - 1));
    }

    /** Writes a checked key in the form {@link #check} chose. */
    static void write(ByteBuf out, String key, byte form) {
        switch (form) {
            case Command.KEY_ASCII:
                out.writeCharSequence(key, StandardCharsets.US_ASCII);
                break;
            case Command.KEY_UTF8:
                ByteBufUtil.writeUtf8(out, key);
                break;
            default:
                out.writeBytes(Base64.getEncoder().encode(key.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Compares the reply's key bytes with the key's UTF-8 bytes (no decoding, so malformed bytes never match). */
    static boolean matches(ByteBuf in, int from, int to, String key) {
        int n = to - from;
        if (n == key.length()) {
            for (int i = 0; i < n; i++) {
                char c = key.charAt(i);
                if (c >= 0x80 || in.getByte(from + i) != c) {
                    return false;
                }
            }
            return true;
        }
        if (n < key.length()) {
            return false;
        }
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in.getByte(from + i) != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param key any text
     * @return the text with control characters escaped and cut to 80 characters, for error messages
     */
    public static String escape(CharSequence key) {
        StringBuilder sb = new StringBuilder(Math.min(key.length(), 80) + 8);
        for (int i = 0; i < key.length(); i++) {
            if (sb.length() >= 80) {
                sb.append("...(").append(key.length()).append(" chars)");
                break;
            }
            char c = key.charAt(i);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < ' ' || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                Wire.appendHex(sb, c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
