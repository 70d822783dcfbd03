package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The lines a new connection exchanges before it carries requests: the hello ({@code mn}, or {@code version} where
 * {@code mn} is known not to work), memcached -Y's authentication, and their replies. The hello tells at once
 * whether the server speaks meta ({@code MN}), only text ({@code ERROR}), wants credentials ({@code CLIENT_ERROR
 * unauthenticated}) or is refusing connections over its limit ({@code ERROR Too many open connections}, sent just
 * before memcached closes). It is answered by the server itself, so an answer means the server is up.
 */
public final class Greeting {
    /** The meta hello, which doubles as the protocol probe. */
    public static final byte[] META_HELLO = {'m', 'n', '\r', '\n'};
    /** The text hello: the one harmless command that memcached, memcached -Y and twemproxy all answer. */
    public static final byte[] TEXT_HELLO = {'v', 'e', 'r', 's', 'i', 'o', 'n', '\r', '\n'};

    private static final int MAX_LINE = 2048;

    /** What a greeting line says. */
    public enum Kind {
        /** {@code MN}: meta spoken, no authentication needed. */
        META,
        /** {@code VERSION ...}: the text hello answered, no authentication needed. */
        VERSION,
        /** {@code ERROR}: the server does not know {@code mn}, so it speaks text only. */
        TEXT_ONLY,
        /** {@code ERROR Too many open connections}: memcached is over its connection limit and closes. */
        TOO_MANY_CONNECTIONS,
        /** {@code CLIENT_ERROR unauthenticated}: memcached -Y wants credentials first. */
        UNAUTHENTICATED,
        /** {@code STORED}: the credentials were accepted. */
        AUTHENTICATED,
        /** {@code CLIENT_ERROR ...} other than unauthenticated: for credentials, a refusal. */
        CLIENT_ERROR,
        /** Anything else. */
        OTHER
    }

    /** A greeting line: its kind and, for messages, its text. */
    public record Line(Kind kind, String text) {}

    private Greeting() {}

    /**
     * Reads one greeting line.
     *
     * @return the line, consumed; or null when it is not complete yet. A line longer than any greeting, or ending
     *     in a bare LF, is returned as {@link Kind#OTHER} with everything readable consumed.
     */
    public static Line decode(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int lf = in.indexOf(start, start + Math.min(readable, MAX_LINE), (byte) '\n');
        if (lf < 0) {
            if (readable < MAX_LINE) {
                return null;
            }
            String quoted = Wire.quote(in, start, readable);
            in.skipBytes(readable);
            return new Line(Kind.OTHER, quoted);
        }
        int eol = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        String text = Wire.quote(in, start, eol - start);
        Kind kind = eol == lf ? Kind.OTHER : classify(in, start, eol);
        in.readerIndex(lf + 1);
        return new Line(kind, text);
    }

    private static Kind classify(ByteBuf in, int start, int eol) {
        if (Wire.equals(in, start, eol, "MN")) {
            return Kind.META;
        }
        if (Wire.startsWith(in, start, eol, "VERSION ")) {
            return Kind.VERSION;
        }
        if (Wire.equals(in, start, eol, "ERROR Too many open connections")) {
            return Kind.TOO_MANY_CONNECTIONS;
        }
        if (Wire.equals(in, start, eol, "ERROR") || Wire.startsWith(in, start, eol, "ERROR ")) {
            return Kind.TEXT_ONLY;
        }
        if (Wire.equals(in, start, eol, "CLIENT_ERROR unauthenticated")) {
            return Kind.UNAUTHENTICATED;
        }
        if (Wire.equals(in, start, eol, "STORED")) {
            return Kind.AUTHENTICATED;
        }
        if (Wire.startsWith(in, start, eol, "CLIENT_ERROR ")) {
            return Kind.CLIENT_ERROR;
        }
        return Kind.OTHER;
    }
}
