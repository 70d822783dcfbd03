package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Finds out whether a server speaks the meta protocol: it answers {@code mn} with {@code MN}; an older server or
 * a text-only proxy answers {@code ERROR}.
 */
public final class Probe {
    /** The probe's bytes. */
    public static final byte[] REQUEST = {'m', 'n', '\r', '\n'};

    /** Reply: more bytes needed. */
    public static final int NEED_MORE = -1;
    /** Reply: the server speaks meta. */
    public static final int META = 1;
    /** Reply: the server speaks only the text protocol. */
    public static final int TEXT = 0;

    private Probe() {
    }

    /**
     * @return {@link #META}, {@link #TEXT} or {@link #NEED_MORE}; consumes the reply line when complete
     * @throws io.memcached2.ProtocolError for any other reply
     */
    public static int decode(ByteBuf in) {
        int start = in.readerIndex();
        int eol = Wire.lineEnd(in);
        if (eol < 0) {
            return NEED_MORE;
        }
        int result;
        if (Wire.equals(in, start, eol, "MN")) {
            result = META;
        } else if (Wire.equals(in, start, eol, "ERROR") || Wire.startsWith(in, start, eol, "ERROR ")) {
            result = TEXT;
        } else {
            throw Wire.error("unexpected reply to the protocol probe 'mn'", in, start, eol - start + 2);
        }
        in.readerIndex(eol + 2);
        return result;
    }
}
