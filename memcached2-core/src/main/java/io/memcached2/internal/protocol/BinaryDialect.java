package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * memcached's binary protocol, as memcached 1.6.18 speaks it. Every request carries the connection's opaque, which
 * its reply must echo with the request's opcode; a reply's header (magic, opcode, opaque, data type, and the key,
 * extras and body lengths each opcode and status allow) is checked before its body is waited for, so a reply can
 * never make the client buffer more than the largest value it accepts. Keys travel as their raw UTF-8 bytes, so a
 * key the text protocols cannot carry (spaces, control characters) names the same item as the meta protocol's
 * base64 form. Reads echo the key (GETK, GATK), which is checked too; multi-gets are quiet GETKQ pipelines ended by
 * a NOOP, so misses cost nothing on the wire.
 */
public final class BinaryDialect implements Dialect {
    static final int HEADER = 24;
    static final byte REQUEST = (byte) 0x80;
    static final byte RESPONSE = (byte) 0x81;

    static final byte SET = 0x01;
    static final byte ADD = 0x02;
    static final byte REPLACE = 0x03;
    static final byte DELETE = 0x04;
    static final byte INCREMENT = 0x05;
    static final byte DECREMENT = 0x06;
    static final byte FLUSH = 0x08;
    static final byte NOOP = 0x0a;
    static final byte VERSION = 0x0b;
    static final byte GETK = 0x0c;
    static final byte GETKQ = 0x0d;
    static final byte APPEND = 0x0e;
    static final byte PREPEND = 0x0f;
    static final byte STAT = 0x10;
    static final byte TOUCH = 0x1c;
    static final byte SASL_LIST_MECHS = 0x20;
    static final byte SASL_AUTH = 0x21;
    static final byte GATK = 0x23;

    static final int SUCCESS = 0x00;
    static final int KEY_ENOENT = 0x01;
    static final int KEY_EEXISTS = 0x02;
    static final int E2BIG = 0x03;
    static final int EINVAL = 0x04;
    static final int NOT_STORED = 0x05;
    static final int DELTA_BADVAL = 0x06;
    static final int AUTH_ERROR = 0x20;
    static final int AUTH_CONTINUE = 0x21;
    static final int UNKNOWN_COMMAND = 0x81;
    static final int ENOMEM = 0x82;
    static final int NOT_SUPPORTED = 0x83;
    static final int EINTERNAL = 0x84;
    static final int EBUSY = 0x85;
    static final int ETMPFAIL = 0x86;

    /** Longest error message or version text accepted in a reply body. */
    static final int MAX_TEXT = Wire.MAX_LINE;
    /** The incr/decr expiration that tells memcached not to create a missing item. */
    private static final int NO_CREATE = 0xffffffff;
    /**
     * memcached reads a binary exptime as unsigned, so a negative one (already expired, to the text protocols) goes
     * as the first absolute time it knows, in 1970, which is just as expired.
     */
    private static final int EXPIRED = 60 * 60 * 24 * 30 + 1;

    private final int maxValueBytes;

    /** @param maxValueBytes the largest value length a reply may carry; a larger one is a protocol error */
    public BinaryDialect(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    @Override
    public boolean isMeta() {
        return false;
    }

    @Override
    public boolean coalescesGets() {
        return false;
    }

    @Override
    public String name() {
        return "binary";
    }

    @Override
    public void encode(Command c, ByteBuf out) {
        refuseInexpressible(c);
        int at;
        switch (c.op) {
            case GET:
            case GETS:
                at = start(out, GETK, 0, c.opaque, 0);
                finish(out, at, writeKey(out, c.key, c.keyForm));
                break;
            case GAT:
            case GATS:
            case TOUCH:
                at = start(out, c.op == Op.TOUCH ? TOUCH : GATK, 4, c.opaque, 0);
                out.writeInt(exptime(c.exptime));
                finish(out, at, writeKey(out, c.key, c.keyForm));
                break;
            case SET:
            case ADD:
            case REPLACE:
            case CAS:
                Wire.reserveForStore(out, c);
                at = start(out, c.op == Op.ADD ? ADD : c.op == Op.REPLACE ? REPLACE : SET, 8, c.opaque, c.compareCas);
                out.writeInt(c.flags);
                out.writeInt(exptime(c.exptime));
                finishWithValue(out, at, writeKey(out, c.key, c.keyForm), c.value);
                break;
            case APPEND:
            case PREPEND:
                Wire.reserveForStore(out, c);
                at = start(out, c.op == Op.APPEND ? APPEND : PREPEND, 0, c.opaque, c.compareCas);
                finishWithValue(out, at, writeKey(out, c.key, c.keyForm), c.value);
                break;
            case DELETE:
                at = start(out, DELETE, 0, c.opaque, c.compareCas);
                finish(out, at, writeKey(out, c.key, c.keyForm));
                break;
            case INCR:
            case DECR:
                at = start(out, c.op == Op.INCR ? INCREMENT : DECREMENT, 20, c.opaque, 0);
                out.writeLong(c.delta);
                out.writeLong(c.autoCreate ? c.initial : 0);
                out.writeInt(c.autoCreate ? exptime(c.exptime) : NO_CREATE);
                finish(out, at, writeKey(out, c.key, c.keyForm));
                break;
            case GET_MULTI:
            case GETS_MULTI:
                for (int i = 0; i < c.multi.keys.length; i++) {
                    at = start(out, GETKQ, 0, c.opaque + i, 0);
                    finish(out, at, writeKey(out, c.multi.keys[i], c.multi.forms[i]));
                }
                finish(out, start(out, NOOP, 0, c.opaque + c.multi.keys.length, 0), 0);
                break;
            case FLUSH_ALL:
                at = start(out, FLUSH, c.exptime > 0 ? 4 : 0, c.opaque, 0);
                if (c.exptime > 0) {
                    out.writeInt(c.exptime);
                }
                finish(out, at, 0);
                break;
            case STATS:
                at = start(out, STAT, 0, c.opaque, 0);
                int keyLen = 0;
                if (c.arg != null && !c.arg.isEmpty()) {
                    keyLen = out.writeCharSequence(c.arg, StandardCharsets.US_ASCII);
                }
                finish(out, at, keyLen);
                break;
            case VERSION:
                finish(out, start(out, VERSION, 0, c.opaque, 0), 0);
                break;
            case NOOP:
                finish(out, start(out, NOOP, 0, c.opaque, 0), 0);
                break;
            default:
                throw new IllegalArgumentException("the binary protocol has no " + c.op + " command");
        }
    }

    /** Refuses, before writing anything, what the binary protocol cannot express. */
    private static void refuseInexpressible(Command c) {
        String inexpressible = MetaOptions.inexpressible(c.options(), true);
        String what = inexpressible != null
                ? inexpressible
                : c.op == Op.VERBOSITY
                        ? "verbosity (memcached has no binary verbosity command)"
                        : c.op == Op.ADD && c.compareCas != 0
                                ? "add with a CAS unique"
                                : c.op == Op.STATS ? textOnlyStats(c.arg) : null;
        if (what != null) {
            throw new IllegalArgumentException(
                    what + " cannot be expressed in the binary protocol; " + c.describe() + " refused");
        }
    }

    /**
     * memcached answers stats conns, extstore and cachedump only in the text protocol; in the binary one they are
     * "not found".
     */
    private static String textOnlyStats(String arg) {
        if (arg == null) {
            return null;
        }
        return arg.equals("conns") || arg.equals("extstore") || arg.startsWith("cachedump")
                ? "stats " + arg + " (memcached answers it in the text protocol only)"
                : null;
    }

    private static int exptime(int exptime) {
        return exptime < 0 ? EXPIRED : exptime;
    }

    /** Writes a request header with the key and body lengths left for {@link #finish}; returns where it starts. */
    private static int start(ByteBuf out, byte opcode, int extLen, int opaque, long cas) {
        int at = out.writerIndex();
        out.ensureWritable(HEADER + extLen);
        out.writeByte(REQUEST);
        out.writeByte(opcode);
        out.writeShort(0);
        out.writeByte(extLen);
        out.writeByte(0);
        out.writeShort(0);
        out.writeInt(0);
        out.writeInt(opaque);
        out.writeLong(cas);
        return at;
    }

    private static void finish(ByteBuf out, int at, int keyLen) {
        out.setShort(at + 2, keyLen);
        out.setInt(at + 8, out.writerIndex() - at - HEADER);
    }

    private static void finishWithValue(ByteBuf out, int at, int keyLen, byte[] value) {
        out.writeBytes(value);
        finish(out, at, keyLen);
    }

    /** Writes a checked key as its raw bytes (a base64-form key too: memcached stores the decoded bytes). */
    private static int writeKey(ByteBuf out, String key, byte form) {
        return form == Command.KEY_ASCII
                ? out.writeCharSequence(key, StandardCharsets.US_ASCII)
                : ByteBufUtil.writeUtf8(out, key);
    }

    @Override
    public boolean decode(Command c, ByteBuf in) {
        switch (c.op) {
            case GET_MULTI:
            case GETS_MULTI:
                return decodeMultiGet(c, in);
            case STATS:
                return decodeStats(c, in);
            default:
                return decodeSingle(c, in);
        }
    }

    private static byte opcode(Op op) {
        switch (op) {
            case GET:
            case GETS:
                return GETK;
            case GAT:
            case GATS:
                return GATK;
            case TOUCH:
                return TOUCH;
            case SET:
            case CAS:
                return SET;
            case ADD:
                return ADD;
            case REPLACE:
                return REPLACE;
            case APPEND:
                return APPEND;
            case PREPEND:
                return PREPEND;
            case DELETE:
                return DELETE;
            case INCR:
                return INCREMENT;
            case DECR:
                return DECREMENT;
            case FLUSH_ALL:
                return FLUSH;
            case VERSION:
                return VERSION;
            case STATS:
                return STAT;
            default:
                return NOOP;
        }
    }

    /** A reply header, read in place; its checks throw before the body is awaited. */
    private static final class Header {
        final int at;
        final int keyLen;
        final int extLen;
        final int status;
        final long bodyLen;

        Header(ByteBuf in, int at) {
            this.at = at;
            if (in.getByte(at) != RESPONSE) {
                throw error("reply does not start with the binary response magic 0x81", in, at);
            }
            if (in.getByte(at + 5) != 0) {
                throw error("reply with an unknown data type", in, at);
            }
            this.keyLen = in.getUnsignedShort(at + 2);
            this.extLen = in.getUnsignedByte(at + 4);
            this.status = in.getUnsignedShort(at + 6);
            this.bodyLen = in.getUnsignedInt(at + 8);
            if (keyLen + extLen > bodyLen) {
                throw error("reply whose key and extras are longer than its body", in, at);
            }
        }

        byte opcode(ByteBuf in) {
            return in.getByte(at + 1);
        }

        int opaque(ByteBuf in) {
            return in.getInt(at + 12);
        }

        long cas(ByteBuf in) {
            return in.getLong(at + 16);
        }

        long valueLen() {
            return bodyLen - keyLen - extLen;
        }

        int keyStart() {
            return at + HEADER + extLen;
        }

        int valueStart() {
            return at + HEADER + extLen + keyLen;
        }

        int end() {
            return at + HEADER + (int) bodyLen;
        }

        /** @return whether the whole body has arrived (the lengths were bounded before this is asked) */
        boolean complete(ByteBuf in) {
            return in.writerIndex() - at >= HEADER + bodyLen;
        }

        /** Checks the lengths against what the reply may have: exactly {@code ext} bytes of extras, bounded key and value. */
        void expect(ByteBuf in, int ext, int maxKey, long maxValue, Command c) {
            if (extLen != ext || keyLen > maxKey || valueLen() > maxValue) {
                throw error(
                        "reply to " + c.describe() + " with " + extLen + " bytes of extras, a " + keyLen
                                + "-byte key and a " + valueLen() + "-byte body (expected " + ext
                                + " bytes of extras, a key of at most "
                                + maxKey + " bytes and a body of at most " + maxValue + ")",
                        in,
                        at);
            }
        }
    }

    /**
     * @return whether a whole header is readable
     * @throws io.memcached2.ProtocolError at once if the first byte is not the response magic: a text reply
     *     ("ERROR\r\n") may be shorter than a header and must not wait for more
     */
    private static boolean headerArrived(ByteBuf in) {
        if (!in.isReadable()) {
            return false;
        }
        if (in.getByte(in.readerIndex()) != RESPONSE) {
            throw error("reply does not start with the binary response magic 0x81", in, in.readerIndex());
        }
        return in.readableBytes() >= HEADER;
    }

    private static io.memcached2.ProtocolError error(String what, ByteBuf in, int at) {
        return Wire.error(what, in, at, in.writerIndex() - at);
    }

    private static Header header(Command c, ByteBuf in, byte opcode, int opaque) {
        int at = in.readerIndex();
        Header h = new Header(in, at);
        if (h.opcode(in) != opcode) {
            throw error(
                    "reply opcode 0x" + hex(h.opcode(in)) + " does not match request opcode 0x" + hex(opcode) + " of "
                            + c.describe(),
                    in,
                    at);
        }
        if (h.opaque(in) != opaque) {
            throw error(
                    "reply opaque " + Integer.toUnsignedString(h.opaque(in)) + " does not match request opaque "
                            + Integer.toUnsignedString(opaque) + " of " + c.describe(),
                    in,
                    at);
        }
        return h;
    }

    private static String hex(int b) {
        return Integer.toHexString(b & 0xff);
    }

    private boolean decodeSingle(Command c, ByteBuf in) {
        if (!headerArrived(in)) {
            return false;
        }
        Header h = header(c, in, opcode(c.op), c.opaque);
        boolean echoesKey = c.op == Op.GET || c.op == Op.GETS || c.op == Op.GAT || c.op == Op.GATS;
        if (h.status != SUCCESS) {
            // a missed GETK or GATK echoes the key; every other failure carries a message only
            h.expect(in, 0, echoesKey && h.status == KEY_ENOENT ? Keys.MAX_KEY_BYTES : 0, MAX_TEXT, c);
            if (!h.complete(in)) {
                return false;
            }
            if (h.keyLen > 0) {
                checkKey(c, in, h, c.key);
            }
            failed(c, in, h);
            in.readerIndex(h.end());
            return true;
        }
        switch (c.op) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
                h.expect(in, 4, Keys.MAX_KEY_BYTES, maxValueBytes, c);
                if (!h.complete(in)) {
                    return false;
                }
                checkKey(c, in, h, c.key);
                c.replyFlags = in.getInt(h.at + HEADER);
                c.replyCas = h.cas(in);
                c.data = Wire.copy(in, h.valueStart(), (int) h.valueLen());
                c.status = Status.HIT;
                break;
            case TOUCH:
                h.expect(in, 4, 0, 0, c);
                if (!h.complete(in)) {
                    return false;
                }
                c.status = Status.OK;
                break;
            case INCR:
            case DECR:
                if (h.extLen != 0 || h.keyLen != 0 || h.valueLen() != 8) {
                    throw error("reply to " + c.describe() + " without its 8-byte number", in, h.at);
                }
                if (!h.complete(in)) {
                    return false;
                }
                c.number = in.getLong(h.valueStart());
                c.replyCas = h.cas(in);
                c.status = Status.HIT;
                break;
            case VERSION:
                h.expect(in, 0, 0, MAX_TEXT, c);
                if (!h.complete(in)) {
                    return false;
                }
                c.text = Wire.text(in, h.valueStart(), h.end());
                c.status = Status.OK;
                break;
            default:
                h.expect(in, 0, 0, 0, c);
                c.replyCas = h.cas(in);
                c.status = Status.OK;
        }
        in.readerIndex(h.end());
        return true;
    }

    private static void checkKey(Command c, ByteBuf in, Header h, String key) {
        if (!Keys.matches(in, h.keyStart(), h.keyStart() + h.keyLen, key)) {
            throw error(
                    "reply for another key than the requested '" + Keys.escape(key) + "' of " + c.describe(), in, h.at);
        }
    }

    /** Sets the status a failure reply means for the command, with its message; refuses one it cannot have. */
    private static void failed(Command c, ByteBuf in, Header h) {
        Op op = c.op;
        boolean read = op == Op.GET || op == Op.GETS || op == Op.GAT || op == Op.GATS;
        boolean write = op.isStore() || op == Op.DELETE || op == Op.INCR || op == Op.DECR;
        boolean arithmetic = op == Op.INCR || op == Op.DECR;
        Status status = null;
        switch (h.status) {
            case KEY_ENOENT:
                // memcached answers a replace of a missing item "not found"; the text protocols say "not stored"
                status = read
                        ? Status.MISS
                        : op == Op.REPLACE && c.compareCas == 0
                                ? Status.NOT_STORED
                                : write || op == Op.TOUCH ? Status.NOT_FOUND : null;
                break;
            case KEY_EEXISTS:
                // ... and an add over an existing item "exists"
                status = op == Op.ADD ? Status.NOT_STORED : write ? Status.EXISTS : null;
                break;
            case NOT_STORED:
                status = op.isStore() || arithmetic ? Status.NOT_STORED : null;
                break;
            case DELTA_BADVAL:
                status = arithmetic ? Status.NON_NUMERIC : null;
                break;
            case E2BIG:
            case ENOMEM:
            case NOT_SUPPORTED:
            case EINTERNAL:
            case EBUSY:
            case ETMPFAIL:
                status = Status.SERVER_ERROR;
                break;
            case EINVAL:
                // memcached closes the connection after this answer
                status = Status.CLIENT_ERROR;
                c.poisonsConnection = true;
                break;
            case AUTH_ERROR:
                // flush_all disabled (-F) answers so and keeps the connection; an unauthenticated one is closed
                status = Status.CLIENT_ERROR;
                c.poisonsConnection = op != Op.FLUSH_ALL;
                break;
            case UNKNOWN_COMMAND:
                throw error("server did not understand " + c.describe(), in, h.at);
            default:
                break;
        }
        if (status == null) {
            throw error(
                    "unexpected status 0x" + Integer.toHexString(h.status) + " in reply to " + c.describe(), in, h.at);
        }
        c.status = status;
        c.text = Wire.text(in, h.valueStart(), h.end()) + " (binary status 0x" + Integer.toHexString(h.status) + ")";
    }

    private boolean decodeMultiGet(Command c, ByteBuf in) {
        c.allocateMultiResults();
        int n = c.multi.keys.length;
        while (true) {
            if (!headerArrived(in)) {
                return false;
            }
            int at = in.readerIndex();
            Header h = new Header(in, at);
            byte opcode = h.opcode(in);
            int opaque = h.opaque(in);
            if (opcode == NOOP) {
                if (opaque != c.opaque + n) {
                    throw error(
                            "noop reply opaque " + Integer.toUnsignedString(opaque)
                                    + " does not end the pending multi-get",
                            in,
                            at);
                }
                if (h.status != SUCCESS || h.bodyLen != 0) {
                    throw error("noop reply with a status or a body", in, at);
                }
                in.readerIndex(h.end());
                c.status = Status.OK;
                return true;
            }
            if (opcode != GETKQ) {
                throw error("unexpected reply opcode 0x" + hex(opcode) + " in a multi-get", in, at);
            }
            long i = (opaque - c.opaque) & 0xffffffffL;
            if (i < c.cursor || i >= n) {
                throw error("reply opaque is not one of the pending multi-get's, or out of order", in, at);
            }
            if (h.status != SUCCESS) {
                throw error(
                        "error status 0x" + Integer.toHexString(h.status) + " inside a quiet multi-get of " + n
                                + " keys",
                        in,
                        at);
            }
            h.expect(in, 4, Keys.MAX_KEY_BYTES, maxValueBytes, c);
            if (!h.complete(in)) {
                return false;
            }
            int index = (int) i;
            checkKey(c, in, h, c.multi.keys[index]);
            c.multi.values[index] = Wire.copy(in, h.valueStart(), (int) h.valueLen());
            c.multi.flags[index] = in.getInt(at + HEADER);
            c.multi.cas[index] = h.cas(in);
            c.cursor = index + 1;
            in.readerIndex(h.end());
        }
    }

    /**
     * A stats reply is one packet per statistic (its name as key, its value as value), ended by a packet with
     * neither, except for {@code sizes_enable} and {@code sizes_disable}, as in the text protocol. {@code detail dump} comes as one statistic, "detailed", holding the text protocol's PREFIX lines,
     * which are split into the same entries the text protocols give.
     */
    private static boolean decodeStats(Command c, ByteBuf in) {
        if (c.stats == null) {
            c.stats = new LinkedHashMap<>();
        }
        while (true) {
            if (!headerArrived(in)) {
                return false;
            }
            Header h = header(c, in, STAT, c.opaque);
            if (h.status != SUCCESS) {
                if (!c.stats.isEmpty() || h.status != ENOMEM && h.status != KEY_ENOENT) {
                    throw error("unexpected status 0x" + Integer.toHexString(h.status) + " in stats reply", in, h.at);
                }
                h.expect(in, 0, 0, MAX_TEXT, c);
                if (!h.complete(in)) {
                    return false;
                }
                c.status = h.status == ENOMEM ? Status.SERVER_ERROR : Status.CLIENT_ERROR;
                c.text = Wire.text(in, h.valueStart(), h.end()) + " (binary status 0x" + Integer.toHexString(h.status)
                        + ")";
                in.readerIndex(h.end());
                return true;
            }
            if (h.extLen != 0 || h.bodyLen > SharedCommands.MAX_STATS_BYTES - c.cursor) {
                throw error(
                        "stats packet with extras, or a reply larger than " + SharedCommands.MAX_STATS_BYTES + " bytes",
                        in,
                        h.at);
            }
            if (!h.complete(in)) {
                return false;
            }
            if (h.keyLen == 0) {
                if (h.bodyLen != 0) {
                    throw error("stats packet with a value and no name", in, h.at);
                }
                in.readerIndex(h.end());
                c.status = Status.OK;
                return true;
            }
            if (c.stats.size() >= SharedCommands.MAX_STATS_LINES) {
                throw error("stats reply longer than " + SharedCommands.MAX_STATS_LINES + " entries", in, h.at);
            }
            c.cursor += (int) h.bodyLen;
            String name = Wire.text(in, h.keyStart(), h.valueStart());
            String value = Wire.text(in, h.valueStart(), h.end());
            if ("detail dump".equals(c.arg) && name.equals("detailed")) {
                putPrefixes(c, value, in, h.at);
            } else {
                c.stats.put(name, value);
            }
            in.readerIndex(h.end());
            // sizes_enable and sizes_disable have no end packet: the status ends them, or the error after it
            if (StatsArguments.Reply.of(c.arg) == StatsArguments.Reply.SIZES_STATUS
                    && !(c.stats.size() == 1 && value.equals("error"))) {
                c.status = Status.OK;
                return true;
            }
        }
    }

    private static void putPrefixes(Command c, String dump, ByteBuf in, int at) {
        for (String line : dump.split("\r\n")) {
            if (line.equals("END") || line.isEmpty()) {
                continue;
            }
            int nameEnd = line.indexOf(' ', 7);
            if (!line.startsWith("PREFIX ") || nameEnd < 0) {
                throw error("unexpected line in the detail dump", in, at);
            }
            c.stats.put(line.substring(7, nameEnd), line.substring(nameEnd + 1));
        }
    }
}
