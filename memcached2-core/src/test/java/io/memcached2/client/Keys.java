package io.memcached2.client;

/** How an error message shows a key: control characters escaped, cut to a prefix short enough to be shown whole. */
final class Keys {
    private Keys() {}

    /** @return the key's first characters, escaped as error messages escape them */
    static String escapedPrefix(String key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length() && sb.length() < 30; i++) {
            char c = key.charAt(i);
            if (Character.isSurrogate(c)) {
                break;
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < ' ' || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
