package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * memcached's meta protocol (mg, ms, md, ma, mn), as memcached 1.6.18 speaks it. Every command carries an opaque
 * token the reply must echo, so a reply can never be matched to the wrong request. Multi-key reads with keys that
 * need base64 are quiet pipelines ended by mn, so misses cost nothing on the wire; the others use the classic form.
 */
public final class MetaDialect implements Dialect {
    private final int maxValueBytes;
    /**
     * Multi-gets whose keys the classic protocol can carry go as one classic {@code get k1 k2 …}: memcached parses
     * one command instead of one per key, which the side-by-side benchmark measured at about twice the keys per
     * second. The VALUE lines name their keys, which are checked in order, so replies still cannot be misattributed.
     */
    private final TextDialect classic;

    /** @param maxValueBytes the largest value length a reply may declare; a larger one is a protocol error */
    public MetaDialect(int maxValueBytes) {
        this(maxValueBytes, true);
    }

    /** @param classicMultiGets false to send every multi-get as a quiet mg pipeline (tests of that path) */
    MetaDialect(int maxValueBytes, boolean classicMultiGets) {
        this.maxValueBytes = maxValueBytes;
        this.classic = classicMultiGets ? new TextDialect(maxValueBytes) : null;
    }

    private boolean classicMultiGet(Command c) {
        if (classic == null) {
            return false;
        }
        for (byte form : c.multi.forms) {
            if (form == Command.KEY_BASE64) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isMeta() {
        return true;
    }

    @Override
    public boolean coalescesGets() {
        return classic != null;
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public void encode(Command c, ByteBuf out) {
        switch (c.op) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
                encodeGet(c, c.key, c.keyForm, c.opaque, false, out);
                break;
            case TOUCH:
                head(out, "mg ", c.key, c.keyForm);
                out.writeBytes(T);
                Wire.writeInt(out, c.exptime);
                opaque(out, c.opaque);
                break;
            case GET_MULTI:
            case GETS_MULTI:
                if (classicMultiGet(c)) {
                    classic.encode(c, out);
                    break;
                }
                for (int i = 0; i < c.multi.keys.length; i++) {
                    encodeGet(c, c.multi.keys[i], c.multi.forms[i], c.opaque + i, true, out);
                }
                out.writeBytes(MN);
                break;
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                encodeStore(c, out);
                break;
            case DELETE:
                head(out, "md ", c.key, c.keyForm);
                if (c.compareCas != 0) {
                    out.writeBytes(C);
                    Wire.writeUnsigned(out, c.compareCas);
                }
                if (c.options() != null && c.options().invalidate()) {
                    out.writeBytes(I);
                    if (c.exptime != 0) {
                        out.writeBytes(T);
                        Wire.writeInt(out, c.exptime);
                    }
                }
                opaque(out, c.opaque);
                break;
            case INCR:
            case DECR:
                head(out, "ma ", c.key, c.keyForm);
                out.writeBytes(c.op == Op.DECR ? V_DECR : V);
                out.writeBytes(D);
                Wire.writeUnsigned(out, c.delta);
                if (c.autoCreate) {
                    out.writeBytes(N);
                    Wire.writeInt(out, c.exptime);
                    out.writeBytes(J);
                    Wire.writeUnsigned(out, c.initial);
                }
                opaque(out, c.opaque);
                break;
            case NOOP:
                out.writeBytes(MN);
                break;
            default:
                SharedCommands.encode(c, out);
        }
    }

    private static final byte[] T = {' ', 'T'};
    private static final byte[] C = {' ', 'C'};
    private static final byte[] I = {' ', 'I'};
    private static final byte[] D = {' ', 'D'};
    private static final byte[] N = {' ', 'N'};
    private static final byte[] J = {' ', 'J'};
    private static final byte[] R = {' ', 'R'};
    private static final byte[] F = {' ', 'F'};
    private static final byte[] V = {' ', 'v'};
    private static final byte[] V_DECR = {' ', 'v', ' ', 'M', 'D'};
    private static final byte[] VF = {' ', 'v', ' ', 'f'};
    private static final byte[] SMALL_C = {' ', 'c'};
    private static final byte[] SMALL_T = {' ', 't'};
    private static final byte[] Q = {' ', 'q'};
    private static final byte[] B = {' ', 'b'};
    private static final byte[] O_CRLF_START = {' ', 'O'};
    private static final byte[] MN = {'m', 'n', '\r', '\n'};

    private static void head(ByteBuf out, String cmd, String key, byte form) {
        Wire.writeAscii(out, cmd);
        Keys.write(out, key, form);
        if (form == Command.KEY_BASE64) {
            out.writeBytes(B);
        }
    }

    /** Opaques travel as unsigned 32-bit numbers. */
    private static long unsigned(int opaque) {
        return opaque & 0xffffffffL;
    }

    private static void opaque(ByteBuf out, int opaque) {
        out.writeBytes(O_CRLF_START);
        Wire.writeUnsigned(out, unsigned(opaque));
        out.writeBytes(Wire.CRLF);
    }

    private static void encodeGet(Command c, String key, byte form, int opaque, boolean quiet, ByteBuf out) {
        head(out, "mg ", key, form);
        out.writeBytes(VF);
        if (c.op == Op.GETS || c.op == Op.GATS || c.op == Op.GETS_MULTI) {
            out.writeBytes(SMALL_C);
        }
        if (c.op == Op.GAT || c.op == Op.GATS) {
            out.writeBytes(T);
            Wire.writeInt(out, c.exptime);
        }
        MetaOptions o = c.options();
        if (o != null) {
            if (o.vivifyTtl() != 0) {
                out.writeBytes(N);
                Wire.writeInt(out, o.vivifyTtl());
            }
            if (o.recacheTtl() != 0) {
                out.writeBytes(R);
                Wire.writeInt(out, o.recacheTtl());
            }
            if (o.wantTtl()) {
                out.writeBytes(SMALL_T);
            }
        }
        if (quiet) {
            out.writeBytes(Q);
        }
        opaque(out, opaque);
    }

    private static void encodeStore(Command c, ByteBuf out) {
        Wire.reserveForStore(out, c);
        Wire.writeAscii(out, "ms ");
        Keys.write(out, c.key, c.keyForm);
        out.writeByte(' ');
        Wire.writeUnsigned(out, c.value.length);
        if (c.keyForm == Command.KEY_BASE64) {
            out.writeBytes(B);
        }
        if (c.flags != 0) {
            out.writeBytes(F);
            Wire.writeUnsigned(out, c.flags & 0xffffffffL);
        }
        if (c.exptime != 0) {
            out.writeBytes(T);
            Wire.writeInt(out, c.exptime);
        }
        switch (c.op) {
            case ADD:
                Wire.writeAscii(out, " ME");
                break;
            case REPLACE:
                Wire.writeAscii(out, " MR");
                break;
            case APPEND:
                Wire.writeAscii(out, " MA");
                break;
            case PREPEND:
                Wire.writeAscii(out, " MP");
                break;
            default:
                break;
        }
        if (c.compareCas != 0) {
            out.writeBytes(C);
            Wire.writeUnsigned(out, c.compareCas);
        }
        if (c.options() != null && c.options().returnCas()) {
            out.writeBytes(SMALL_C);
        }
        opaque(out, c.opaque);
        out.writeBytes(c.value);
        out.writeBytes(Wire.CRLF);
    }

    @Override
    public boolean decode(Command c, ByteBuf in) {
        switch (c.op) {
            case GET_MULTI:
            case GETS_MULTI:
                return classicMultiGet(c) ? classic.decode(c, in) : decodeMultiGet(c, in);
            case FLUSH_ALL:
            case VERSION:
            case STATS:
            case VERBOSITY:
                return SharedCommands.decode(c, in);
            default:
                return decodeSingle(c, in);
        }
    }

    private static int code(ByteBuf in, int start, int eol) {
        if (eol - start < 2 || eol - start > 2 && in.getByte(start + 2) != ' ') {
            return 0;
        }
        return (in.getByte(start) << 8) | in.getByte(start + 1);
    }

    private static final int VA = ('V' << 8) | 'A';
    private static final int HD = ('H' << 8) | 'D';
    private static final int EN = ('E' << 8) | 'N';
    private static final int NF = ('N' << 8) | 'F';
    private static final int NS = ('N' << 8) | 'S';
    private static final int EX = ('E' << 8) | 'X';
    private static final int MN_CODE = ('M' << 8) | 'N';

    private boolean decodeSingle(Command c, ByteBuf in) {
        int start = in.readerIndex();
        int eol = Wire.lineEnd(in);
        if (eol < 0) {
            return false;
        }
        int code = code(in, start, eol);
        if (code == VA) {
            return decodeValue(c, in, start, eol);
        }
        Status status = statusFor(c.op, code);
        if (status == null) {
            if (code != 0) {
                throw Wire.error("unexpected reply to " + c.describe(), in, start, eol - start + 2);
            }
            SharedCommands.expectError(c, in, start, eol);
            in.readerIndex(eol + 2);
            return true;
        }
        if (code != MN_CODE) {
            if (readFlags(c, in, start + 2, eol, start) != unsigned(c.opaque)) {
                throw Wire.error(
                        "reply opaque does not match request O" + unsigned(c.opaque) + " of " + c.describe(),
                        in,
                        start,
                        eol - start + 2);
            }
        } else if (eol != start + 2) {
            throw Wire.error("unexpected text after MN", in, start, eol - start + 2);
        }
        c.status = status;
        in.readerIndex(eol + 2);
        return true;
    }

    /** @return the status a header-only code means for the operation, or null if the code is not valid for it */
    private static Status statusFor(Op op, int code) {
        switch (op) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
                return code == EN ? Status.MISS : null;
            case TOUCH:
                return code == HD ? Status.OK : code == EN ? Status.NOT_FOUND : null;
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                return code == HD
                        ? Status.OK
                        : code == NS
                                ? Status.NOT_STORED
                                : code == EX ? Status.EXISTS : code == NF ? Status.NOT_FOUND : null;
            case DELETE:
                return code == HD ? Status.OK : code == NF ? Status.NOT_FOUND : code == EX ? Status.EXISTS : null;
            case INCR:
            case DECR:
                return code == NF
                        ? Status.NOT_FOUND
                        : code == NS ? Status.NOT_STORED : code == EX ? Status.EXISTS : null;
            case NOOP:
                return code == MN_CODE ? Status.OK : null;
            default:
                return null;
        }
    }

    /**
     * Decodes "VA len flags\r\ndata\r\n"; returns false if the data block has not fully arrived. The flags are read
     * first (reading them again when more bytes arrive sets the same fields), so the opaque is checked before
     * waiting for a large value.
     */
    private boolean decodeValue(Command c, ByteBuf in, int start, int eol) {
        Op op = c.op;
        boolean multi = op == Op.GET_MULTI || op == Op.GETS_MULTI;
        if (op != Op.GET
                && op != Op.GETS
                && op != Op.GAT
                && op != Op.GATS
                && op != Op.INCR
                && op != Op.DECR
                && !multi) {
            throw Wire.error("unexpected value in reply to " + c.describe(), in, start, eol - start + 2);
        }
        int lenEnd = Wire.tokenEnd(in, start + 3, eol);
        int len = Wire.parseLength(in, start + 3, lenEnd, start, eol);
        if (len > maxValueBytes) {
            throw Wire.error(
                    "reply declares a " + len + "-byte value, over the maximum item size of " + maxValueBytes,
                    in,
                    start,
                    eol - start + 2);
        }
        long opaque = readFlags(c, in, lenEnd, eol, start);
        int index = 0;
        if (multi) {
            long i = opaque - unsigned(c.opaque);
            if (i < c.cursor || i >= c.multi.keys.length) {
                throw Wire.error(
                        "reply opaque is not one of the pending multi-get's, or out of order",
                        in,
                        start,
                        eol - start + 2);
            }
            index = (int) i;
        } else if (opaque != unsigned(c.opaque)) {
            throw Wire.error(
                    "reply opaque does not match request O" + unsigned(c.opaque) + " of " + c.describe(),
                    in,
                    start,
                    eol - start + 2);
        }
        int dataStart = eol + 2;
        if (in.writerIndex() - dataStart < len + 2) {
            return false;
        }
        if (in.getByte(dataStart + len) != '\r' || in.getByte(dataStart + len + 1) != '\n') {
            throw Wire.error("value block not followed by CRLF", in, start, eol - start + 2 + len + 2);
        }
        if (op == Op.INCR || op == Op.DECR) {
            c.number = Wire.parseUnsigned(in, dataStart, dataStart + len, dataStart, dataStart + len);
            c.status = Status.HIT;
        } else if (multi) {
            c.multi.values[index] = Wire.copy(in, dataStart, len);
            c.multi.flags[index] = c.replyFlags;
            c.multi.cas[index] = c.replyCas;
            c.cursor = index + 1;
        } else {
            c.data = Wire.copy(in, dataStart, len);
            c.status = Status.HIT;
        }
        in.readerIndex(dataStart + len + 2);
        return true;
    }

    /**
     * Reads the return flags in [from, eol). Every command we send carries an opaque, so a reply without one is a
     * protocol error.
     *
     * @return the opaque token's value
     */
    private static long readFlags(Command c, ByteBuf in, int from, int eol, int lineStart) {
        long opaque = -1;
        int i = from;
        while (i < eol) {
            if (in.getByte(i) != ' ') {
                throw Wire.error("malformed flags in reply", in, lineStart, eol - lineStart + 2);
            }
            int tokStart = i + 1;
            int tokEnd = Wire.tokenEnd(in, tokStart, eol);
            if (tokEnd == tokStart) {
                throw Wire.error("empty flag in reply", in, lineStart, eol - lineStart + 2);
            }
            byte flag = in.getByte(tokStart);
            switch (flag) {
                case 'O':
                    // Our opaques are unsigned 32-bit numbers: a second token, or a longer one, is not ours.
                    if (opaque >= 0 || tokEnd - tokStart > 11) {
                        throw Wire.error(
                                "reply opaque does not match request O" + unsigned(c.opaque) + " of " + c.describe(),
                                in,
                                lineStart,
                                eol - lineStart + 2);
                    }
                    opaque = Wire.parseUnsigned(in, tokStart + 1, tokEnd, lineStart, eol);
                    break;
                case 'f':
                    c.replyFlags = Wire.parseFlags(in, tokStart + 1, tokEnd, lineStart, eol);
                    break;
                case 'c':
                    c.replyCas = Wire.parseUnsigned(in, tokStart + 1, tokEnd, lineStart, eol);
                    break;
                case 't':
                    c.ttlLeft = Wire.parseSignedInt(in, tokStart + 1, tokEnd, lineStart, eol);
                    break;
                case 'W':
                    c.win = true;
                    break;
                case 'Z':
                    c.leaseTaken = true;
                    break;
                case 'X':
                    c.stale = true;
                    break;
                case 'k':
                case 'b':
                case 's':
                case 'h':
                case 'l':
                    break;
                default:
                    throw Wire.error(
                            "unexpected flag '" + (char) flag + "' in reply", in, lineStart, eol - lineStart + 2);
            }
            i = tokEnd;
        }
        if (opaque < 0) {
            throw Wire.error("reply without the opaque token of " + c.describe(), in, lineStart, eol - lineStart + 2);
        }
        return opaque;
    }

    private boolean decodeMultiGet(Command c, ByteBuf in) {
        c.allocateMultiResults();
        while (true) {
            int start = in.readerIndex();
            int eol = Wire.lineEnd(in);
            if (eol < 0) {
                return false;
            }
            int code = code(in, start, eol);
            if (code == MN_CODE && eol == start + 2) {
                in.readerIndex(eol + 2);
                c.status = Status.OK;
                return true;
            }
            if (code != VA) {
                if (code == 0 && SharedCommands.errorLine(c, in, start, eol)) {
                    // An error line has no opaque, so it cannot be pinned on a key: the batch fails as a whole.
                    throw Wire.error(
                            "error inside a quiet multi-get of " + c.multi.keys.length + " keys",
                            in,
                            start,
                            eol - start + 2);
                }
                throw Wire.error("unexpected reply in multi-get", in, start, eol - start + 2);
            }
            c.replyFlags = 0;
            c.replyCas = 0;
            if (!decodeValue(c, in, start, eol)) {
                return false;
            }
        }
    }
}
