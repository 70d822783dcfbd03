package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * memcached's classic text protocol, for servers older than 1.6 and for proxies such as twemproxy. Replies carry no
 * request token, so they are matched by order alone; a VALUE line's key is still checked against the request.
 */
public final class TextDialect implements Dialect {
    private final int maxValueBytes;

    /** @param maxValueBytes the largest value length a reply may declare; a larger one is a protocol error */
    public TextDialect(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    @Override
    public boolean isMeta() {
        return false;
    }

    @Override
    public boolean coalescesGets() {
        return true;
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public void encode(Command c, ByteBuf out) {
        refuseMetaOnly(c);
        switch (c.op) {
            case GET:
            case GETS:
                Wire.writeAscii(out, c.op == Op.GET ? "get " : "gets ");
                Keys.write(out, c.key, c.keyForm);
                break;
            case GAT:
            case GATS:
                Wire.writeAscii(out, c.op == Op.GAT ? "gat " : "gats ");
                Wire.writeInt(out, c.exptime);
                out.writeByte(' ');
                Keys.write(out, c.key, c.keyForm);
                break;
            case GET_MULTI:
            case GETS_MULTI:
                Wire.writeAscii(out, c.op == Op.GET_MULTI ? "get" : "gets");
                for (int i = 0; i < c.multi.keys.length; i++) {
                    out.writeByte(' ');
                    Keys.write(out, c.multi.keys[i], c.multi.forms[i]);
                }
                break;
            case TOUCH:
                Wire.writeAscii(out, "touch ");
                Keys.write(out, c.key, c.keyForm);
                out.writeByte(' ');
                Wire.writeInt(out, c.exptime);
                break;
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                encodeStore(c, out);
                return;
            case DELETE:
                Wire.writeAscii(out, "delete ");
                Keys.write(out, c.key, c.keyForm);
                break;
            case INCR:
            case DECR:
                Wire.writeAscii(out, c.op == Op.INCR ? "incr " : "decr ");
                Keys.write(out, c.key, c.keyForm);
                out.writeByte(' ');
                Wire.writeUnsigned(out, c.delta);
                break;
            case NOOP:
                Wire.writeAscii(out, "version");
                break;
            default:
                SharedCommands.encode(c, out);
                return;
        }
        out.writeBytes(Wire.CRLF);
    }

    /** Refuses, before writing anything, what only the meta protocol can express. */
    private static void refuseMetaOnly(Command c) {
        if (c.keyForm == Command.KEY_BASE64) {
            throw new IllegalArgumentException("the text protocol cannot carry key '" + Keys.escape(c.key) + "'");
        }
        if (c.multi != null) {
            for (int i = 0; i < c.multi.keys.length; i++) {
                if (c.multi.forms[i] == Command.KEY_BASE64) {
                    throw new IllegalArgumentException(
                            "the text protocol cannot carry key '" + Keys.escape(c.multi.keys[i]) + "'");
                }
            }
        }
        String metaOnly = c.op == Op.DELETE && c.compareCas != 0
                ? "delete with a CAS unique"
                : c.autoCreate ? "incr/decr with an initial value" : MetaOptions.inexpressible(c.options(), false);
        if (metaOnly != null) {
            throw new IllegalArgumentException(metaOnly + " needs the meta protocol; " + c.describe() + " refused");
        }
    }

    private static void encodeStore(Command c, ByteBuf out) {
        Wire.reserveForStore(out, c);
        String verb;
        switch (c.op) {
            case ADD:
                verb = "add ";
                break;
            case REPLACE:
                verb = "replace ";
                break;
            case APPEND:
                verb = "append ";
                break;
            case PREPEND:
                verb = "prepend ";
                break;
            case CAS:
                verb = "cas ";
                break;
            default:
                verb = c.compareCas != 0 ? "cas " : "set ";
        }
        Wire.writeAscii(out, verb);
        Keys.write(out, c.key, c.keyForm);
        out.writeByte(' ');
        Wire.writeUnsigned(out, c.flags & 0xffffffffL);
        out.writeByte(' ');
        Wire.writeInt(out, c.exptime);
        out.writeByte(' ');
        Wire.writeUnsigned(out, c.value.length);
        if (verb.equals("cas ")) {
            out.writeByte(' ');
            Wire.writeUnsigned(out, c.compareCas);
        }
        out.writeBytes(Wire.CRLF);
        out.writeBytes(c.value);
        out.writeBytes(Wire.CRLF);
    }

    @Override
    public boolean decode(Command c, ByteBuf in) {
        switch (c.op) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
                return decodeGet(c, in);
            case GET_MULTI:
            case GETS_MULTI:
                return decodeMultiGet(c, in);
            case FLUSH_ALL:
            case VERSION:
            case STATS:
            case VERBOSITY:
            case NOOP:
                return SharedCommands.decode(c, in);
            default:
                return decodeStatusLine(c, in);
        }
    }

    private static boolean decodeStatusLine(Command c, ByteBuf in) {
        int start = in.readerIndex();
        int eol = Wire.lineEnd(in);
        if (eol < 0) {
            return false;
        }
        Status status = null;
        switch (c.op) {
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                status = Wire.equals(in, start, eol, "STORED")
                        ? Status.OK
                        : Wire.equals(in, start, eol, "NOT_STORED")
                                ? Status.NOT_STORED
                                : Wire.equals(in, start, eol, "EXISTS")
                                        ? Status.EXISTS
                                        : Wire.equals(in, start, eol, "NOT_FOUND") ? Status.NOT_FOUND : null;
                break;
            case DELETE:
                status = Wire.equals(in, start, eol, "DELETED")
                        ? Status.OK
                        : Wire.equals(in, start, eol, "NOT_FOUND") ? Status.NOT_FOUND : null;
                break;
            case TOUCH:
                status = Wire.equals(in, start, eol, "TOUCHED")
                        ? Status.OK
                        : Wire.equals(in, start, eol, "NOT_FOUND") ? Status.NOT_FOUND : null;
                break;
            case INCR:
            case DECR:
                if (Wire.equals(in, start, eol, "NOT_FOUND")) {
                    status = Status.NOT_FOUND;
                } else if (eol > start && in.getByte(start) >= '0' && in.getByte(start) <= '9') {
                    c.number = Wire.parseUnsigned(in, start, eol, start, eol);
                    status = Status.HIT;
                }
                break;
            default:
                throw new IllegalStateException("no status-line decoder for " + c.op);
        }
        if (status == null) {
            SharedCommands.expectError(c, in, start, eol);
        } else {
            c.status = status;
        }
        in.readerIndex(eol + 2);
        return true;
    }

    private boolean decodeGet(Command c, ByteBuf in) {
        int start = in.readerIndex();
        int eol = Wire.lineEnd(in);
        if (eol < 0) {
            return false;
        }
        if (Wire.equals(in, start, eol, "END")) {
            c.status = Status.MISS;
            in.readerIndex(eol + 2);
            return true;
        }
        if (!Wire.startsWith(in, start, eol, "VALUE ")) {
            SharedCommands.expectError(c, in, start, eol);
            in.readerIndex(eol + 2);
            return true;
        }
        int keyEnd = Wire.tokenEnd(in, start + 6, eol);
        if (!Keys.matches(in, start + 6, keyEnd, c.key)) {
            throw Wire.error(
                    "VALUE for another key than the requested '" + Keys.escape(c.key) + "'",
                    in,
                    start,
                    eol - start + 2);
        }
        int blockEnd = readValueBlock(c, in, start, eol, keyEnd);
        if (blockEnd < 0) {
            return false;
        }
        if (in.writerIndex() - blockEnd < 5) {
            return false;
        }
        if (!Wire.startsWith(in, blockEnd, blockEnd + 5, "END\r\n")) {
            throw Wire.error("expected END after the value of '" + Keys.escape(c.key) + "'", in, blockEnd, 16);
        }
        c.data = Wire.copy(in, eol + 2, blockEnd - 2 - (eol + 2));
        c.status = Status.HIT;
        in.readerIndex(blockEnd + 5);
        return true;
    }

    /**
     * Parses "VALUE key flags bytes [cas]" from the key's end and checks the data block.
     *
     * @return the index just past the block's CRLF, or -1 if the block has not fully arrived
     */
    private int readValueBlock(Command c, ByteBuf in, int start, int eol, int keyEnd) {
        if (keyEnd >= eol) {
            throw Wire.error("VALUE line without flags and length", in, start, eol - start + 2);
        }
        int flagsEnd = Wire.tokenEnd(in, keyEnd + 1, eol);
        int flags = Wire.parseFlags(in, keyEnd + 1, flagsEnd, start, eol);
        if (flagsEnd >= eol) {
            throw Wire.error("VALUE line without a length", in, start, eol - start + 2);
        }
        int lenEnd = Wire.tokenEnd(in, flagsEnd + 1, eol);
        int len = Wire.parseLength(in, flagsEnd + 1, lenEnd, start, eol);
        if (len > maxValueBytes) {
            throw Wire.error(
                    "reply declares a " + len + "-byte value, over the maximum item size of " + maxValueBytes,
                    in,
                    start,
                    eol - start + 2);
        }
        long cas = 0;
        boolean withCas = c.op == Op.GETS || c.op == Op.GATS || c.op == Op.GETS_MULTI;
        if (withCas) {
            if (lenEnd >= eol) {
                throw Wire.error("VALUE line without the CAS unique asked for", in, start, eol - start + 2);
            }
            cas = Wire.parseUnsigned(in, lenEnd + 1, eol, start, eol);
        } else if (lenEnd != eol) {
            throw Wire.error("unexpected text after the VALUE length", in, start, eol - start + 2);
        }
        int dataStart = eol + 2;
        if (in.writerIndex() - dataStart < len + 2) {
            return -1;
        }
        if (in.getByte(dataStart + len) != '\r' || in.getByte(dataStart + len + 1) != '\n') {
            throw Wire.error("value block not followed by CRLF", in, start, eol - start + 2 + len + 2);
        }
        c.replyFlags = flags;
        c.replyCas = cas;
        return dataStart + len + 2;
    }

    private boolean decodeMultiGet(Command c, ByteBuf in) {
        c.allocateMultiResults();
        while (true) {
            int start = in.readerIndex();
            int eol = Wire.lineEnd(in);
            if (eol < 0) {
                return false;
            }
            if (Wire.equals(in, start, eol, "END")) {
                c.status = Status.OK;
                in.readerIndex(eol + 2);
                return true;
            }
            if (!Wire.startsWith(in, start, eol, "VALUE ")) {
                if (c.cursor == 0 && SharedCommands.errorLine(c, in, start, eol)) {
                    in.readerIndex(eol + 2);
                    return true;
                }
                throw Wire.error("unexpected line in multi-get reply", in, start, eol - start + 2);
            }
            int keyEnd = Wire.tokenEnd(in, start + 6, eol);
            int index = c.cursor;
            while (index < c.multi.keys.length && !Keys.matches(in, start + 6, keyEnd, c.multi.keys[index])) {
                index++;
            }
            if (index == c.multi.keys.length) {
                throw Wire.error(
                        "VALUE for a key not requested, or out of order, in multi-get", in, start, eol - start + 2);
            }
            int blockEnd = readValueBlock(c, in, start, eol, keyEnd);
            if (blockEnd < 0) {
                return false;
            }
            c.multi.values[index] = Wire.copy(in, eol + 2, blockEnd - 2 - (eol + 2));
            c.multi.flags[index] = c.replyFlags;
            c.multi.cas[index] = c.replyCas;
            c.cursor = index + 1;
            in.readerIndex(blockEnd);
        }
    }
}
