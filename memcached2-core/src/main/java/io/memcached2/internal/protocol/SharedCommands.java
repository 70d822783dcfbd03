package io.memcached2.internal.protocol;

import io.memcached2.ProtocolError;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;

/**
 * The commands both dialects send in classic text form (meta has no equivalent): flush_all, version, stats,
 * verbosity and the ASCII-auth store, plus the error lines every reply may be.
 */
final class SharedCommands {
    /** A stats reply with more lines than this is refused rather than buffered without bound. */
    static final int MAX_STATS_LINES = 100_000;
    /** ... and with more text than this. */
    static final int MAX_STATS_BYTES = 16 * 1024 * 1024;

    private static final String NON_NUMERIC = "cannot increment or decrement non-numeric value";

    private SharedCommands() {}

    static boolean handles(Op op) {
        switch (op) {
            case FLUSH_ALL:
            case VERSION:
            case STATS:
            case VERBOSITY:
                return true;
            default:
                return false;
        }
    }

    static void encode(Command c, ByteBuf out) {
        switch (c.op) {
            case FLUSH_ALL:
                Wire.writeAscii(out, "flush_all");
                if (c.exptime > 0) {
                    out.writeByte(' ');
                    Wire.writeInt(out, c.exptime);
                }
                break;
            case VERSION:
                Wire.writeAscii(out, "version");
                break;
            case STATS:
                Wire.writeAscii(out, "stats");
                if (c.arg != null && !c.arg.isEmpty()) {
                    out.writeByte(' ');
                    Wire.writeAscii(out, c.arg);
                }
                break;
            case VERBOSITY:
                Wire.writeAscii(out, "verbosity ");
                Wire.writeAscii(out, c.arg);
                break;
            default:
                throw new IllegalArgumentException("not a shared command: " + c.op);
        }
        out.writeBytes(Wire.CRLF);
    }

    static boolean decode(Command c, ByteBuf in) {
        if (c.op == Op.STATS) {
            return decodeStats(c, in);
        }
        int start = in.readerIndex();
        int eol = Wire.lineEnd(in);
        if (eol < 0) {
            return false;
        }
        switch (c.op) {
            case VERSION:
            case NOOP:
                // The text protocol has no no-op, so a text NOOP is a version command.
                if (Wire.startsWith(in, start, eol, "VERSION ")) {
                    c.text = Wire.text(in, start + 8, eol);
                    c.status = Status.OK;
                } else {
                    expectError(c, in, start, eol);
                }
                break;
            default:
                if (Wire.equals(in, start, eol, "OK")) {
                    c.status = Status.OK;
                } else {
                    expectError(c, in, start, eol);
                }
        }
        in.readerIndex(eol + 2);
        return true;
    }

    private static boolean decodeStats(Command c, ByteBuf in) {
        StatsArguments.Reply shape = StatsArguments.Reply.of(c.arg);
        if (c.stats == null) {
            c.stats = new LinkedHashMap<>();
        }
        while (true) {
            int start = in.readerIndex();
            int eol = Wire.lineEnd(in);
            if (eol < 0) {
                return false;
            }
            if (!shape.lists()) {
                if (Wire.equals(in, start, eol, shape.line)) {
                    return statsDone(c, in, eol);
                }
                return statsError(c, in, start, eol);
            }
            if (shape != StatsArguments.Reply.SIZES_STATUS && Wire.equals(in, start, eol, "END")) {
                return statsDone(c, in, eol);
            }
            if (!Wire.startsWith(in, start, eol, shape.line)) {
                if (c.stats.isEmpty()) {
                    return statsError(c, in, start, eol);
                }
                throw Wire.error("unexpected line in stats reply", in, start, eol - start + 2);
            }
            int nameStart = start + shape.line.length();
            int nameEnd = Wire.tokenEnd(in, nameStart, eol);
            if (nameEnd == nameStart) {
                throw Wire.error("stats line without a name", in, start, eol - start + 2);
            }
            if (c.stats.size() >= MAX_STATS_LINES) {
                throw Wire.error("stats reply longer than " + MAX_STATS_LINES + " lines", in, start, eol - start + 2);
            }
            c.cursor += eol - start;
            if (c.cursor > MAX_STATS_BYTES) {
                throw Wire.error("stats reply larger than " + MAX_STATS_BYTES + " bytes", in, start, eol - start + 2);
            }
            String name = Wire.text(in, nameStart, nameEnd);
            String value = nameEnd < eol ? Wire.text(in, nameEnd + 1, eol) : "";
            c.stats.put(name, value);
            // sizes_enable and sizes_disable have no END: the status line ends them, or the error line after it
            if (shape == StatsArguments.Reply.SIZES_STATUS && !(c.stats.size() == 1 && value.equals("error"))) {
                return statsDone(c, in, eol);
            }
            in.readerIndex(eol + 2);
        }
    }

    private static boolean statsDone(Command c, ByteBuf in, int eol) {
        in.readerIndex(eol + 2);
        c.status = Status.OK;
        return true;
    }

    private static boolean statsError(Command c, ByteBuf in, int start, int eol) {
        expectError(c, in, start, eol);
        // A stats command is one line without a data block, so after its error line the stream is still in step.
        c.poisonsConnection = false;
        in.readerIndex(eol + 2);
        return true;
    }

    /**
     * Accepts an error line as the command's reply, or fails if the line is not one.
     *
     * @throws ProtocolError for ERROR (the server did not understand a command we built, so the stream can no
     *     longer be trusted) and for any line that is not an error line
     */
    static void expectError(Command c, ByteBuf in, int start, int eol) {
        if (!errorLine(c, in, start, eol)) {
            throw Wire.error("unexpected reply to " + c.describe(), in, start, eol - start + 2);
        }
    }

    /** @return true if the line is CLIENT_ERROR or SERVER_ERROR, with the command's status and text set */
    static boolean errorLine(Command c, ByteBuf in, int start, int eol) {
        if (Wire.startsWith(in, start, eol, "SERVER_ERROR")) {
            c.status = Status.SERVER_ERROR;
            c.text = Wire.text(in, start, eol);
            return true;
        }
        if (Wire.startsWith(in, start, eol, "CLIENT_ERROR")) {
            c.text = Wire.text(in, start, eol);
            if (c.text.endsWith(NON_NUMERIC)) {
                c.status = Status.NON_NUMERIC;
            } else {
                c.status = Status.CLIENT_ERROR;
                c.poisonsConnection = true;
            }
            return true;
        }
        if (Wire.equals(in, start, eol, "ERROR") || Wire.startsWith(in, start, eol, "ERROR ")) {
            throw Wire.error("server did not understand " + c.describe(), in, start, eol - start + 2);
        }
        return false;
    }
}
