package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assertions;

/**
 * Random byte streams and random mutations (flips, truncation, insertion, duplication, inflated numbers) of valid
 * replies, fed in random chunkings: decoding always ends (bounded calls, each under a time limit), throws nothing
 * but ProtocolError, never returns a value over the bound, never allocates like one, and never waits with more
 * bytes buffered than a line and a value can take.
 */
class DecoderFuzzProperties {
    static final int BOUND = 256;
    /** What a decoder may hold while waiting: a header line, a value and its CRLF, a terminator line. */
    static final int MAX_WAITING = 2 * Wire.MAX_LINE + BOUND + 8;
    /**
     * Allocation allowed per decode call on top of the values it may return. A refusal builds an exception whose
     * message escapes up to 100 bytes with String.format, which costs up to ~200 KB; a value array inflated by a
     * mutated length (the mutations use 999999 and up) costs more.
     */
    static final long REFUSAL_SLACK = 512 * 1024;
    /** Allocation allowed for a decode call that does not throw: values, plus a few times the input for text. */
    static final long SLACK = 16 * 1024;

    record Case(String name, Dialect dialect, TestCommand command, byte[] reply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final MetaDialect META = new MetaDialect(BOUND, false);
    private static final TextDialect TEXT = new TextDialect(BOUND);
    private static final BinaryDialect BINARY = new BinaryDialect(BOUND);

    static final List<Case> CASES = List.of(
            c("meta get hit", META, TestCommand.of(Op.GETS, "k").opaque(5), "VA 5 f1 c9 t-1 O5 W\r\nhello\r\n"),
            c("meta get miss", META, TestCommand.of(Op.GET, "k").opaque(5), "EN O5\r\n"),
            c("meta touch", META, TestCommand.of(Op.TOUCH, "k").opaque(5), "HD O5\r\n"),
            c("meta set", META, TestCommand.of(Op.SET, "k").value("v").opaque(5), "HD c12 O5\r\n"),
            c("meta delete", META, TestCommand.of(Op.DELETE, "k").opaque(5), "NF O5\r\n"),
            c("meta incr", META, TestCommand.of(Op.INCR, "k").delta(1).opaque(5), "VA 2 O5\r\n42\r\n"),
            c(
                    "meta multi-get",
                    META,
                    TestCommand.multi(Op.GETS_MULTI, true, "a", "b", "c").opaque(5),
                    "VA 1 f1 c2 O5\r\nA\r\nVA 3 c3 O7\r\nCCC\r\nMN\r\n"),
            c("meta noop", META, TestCommand.plain(Op.NOOP), "MN\r\n"),
            c("meta error", META, TestCommand.of(Op.SET, "k").value("v").opaque(5), "SERVER_ERROR out of memory\r\n"),
            c("meta stats", META, TestCommand.plain(Op.STATS), "STAT pid 1\r\nSTAT uptime 2\r\nEND\r\n"),
            c("meta version", META, TestCommand.plain(Op.VERSION), "VERSION 1.6.18\r\n"),
            c("text get hit", TEXT, TestCommand.of(Op.GETS, "k"), "VALUE k 1 5 9\r\nhello\r\nEND\r\n"),
            c("text get miss", TEXT, TestCommand.of(Op.GET, "k"), "END\r\n"),
            c("text set", TEXT, TestCommand.of(Op.SET, "k").value("v"), "STORED\r\n"),
            c("text delete", TEXT, TestCommand.of(Op.DELETE, "k"), "DELETED\r\n"),
            c("text touch", TEXT, TestCommand.of(Op.TOUCH, "k"), "TOUCHED\r\n"),
            c("text incr", TEXT, TestCommand.of(Op.INCR, "k").delta(1), "42\r\n"),
            c(
                    "text multi-get",
                    TEXT,
                    TestCommand.multi(Op.GET_MULTI, false, "a", "b", "c"),
                    "VALUE a 1 1\r\nA\r\nVALUE c 0 3\r\nCCC\r\nEND\r\n"),
            c(
                    "text error",
                    TEXT,
                    TestCommand.of(Op.INCR, "k").delta(1),
                    "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"),
            c("text stats", TEXT, TestCommand.plain(Op.STATS), "STAT pid 1\r\nEND\r\n"),
            c("text noop", TEXT, TestCommand.plain(Op.NOOP), "VERSION 1.4\r\n"),
            c(
                    "binary get hit",
                    BINARY,
                    TestCommand.of(Op.GETS, "k").opaque(5),
                    BinaryFrames.hit(0x0c, 5, 9, 1, "k", "hello")),
            c(
                    "binary get miss",
                    BINARY,
                    TestCommand.of(Op.GET, "k").opaque(5),
                    BinaryFrames.response(0x0c, 1, 5, 0, new byte[0], "k", new byte[0])),
            c("binary set", BINARY, TestCommand.of(Op.SET, "k").value("v").opaque(5), BinaryFrames.ok(0x01, 5, 12)),
            c(
                    "binary incr",
                    BINARY,
                    TestCommand.of(Op.INCR, "k").delta(1).opaque(5),
                    BinaryFrames.response(0x05, 0, 5, 3, new byte[0], "", BinaryFrames.longs(42))),
            c(
                    "binary multi-get",
                    BINARY,
                    TestCommand.multi(Op.GETS_MULTI, true, "a", "b", "c").opaque(5),
                    BinaryFrames.hit(0x0d, 5, 2, 1, "a", "A")
                            + BinaryFrames.hit(0x0d, 7, 3, 0, "c", "CCC")
                            + BinaryFrames.ok(0x0a, 8, 0)),
            c(
                    "binary error",
                    BINARY,
                    TestCommand.of(Op.SET, "k").value("v").opaque(5),
                    BinaryFrames.failure(0x01, 0x82, 5, "Out of memory")),
            c(
                    "binary version",
                    BINARY,
                    TestCommand.plain(Op.VERSION).opaque(5),
                    BinaryFrames.response(0x0b, 0, 5, 0, new byte[0], "", BinaryFrames.bytes("1.6.18"))));

    private static Case c(String name, Dialect d, TestCommand cmd, String reply) {
        return new Case(name, d, cmd, Feed.bytes(reply));
    }

    private static final String[] TOKENS = {
        "VA ",
        "VALUE ",
        "k ",
        "a ",
        "c ",
        "EN",
        "HD",
        "NF",
        "NS",
        "EX",
        "MN",
        "END",
        "STAT ",
        "STORED",
        "DELETED",
        "ERROR",
        "CLIENT_ERROR ",
        "SERVER_ERROR ",
        "VERSION ",
        "\r\n",
        "\r\n",
        "\r\n",
        "\r",
        "\n",
        " ",
        " ",
        "0",
        "1",
        "5",
        "99999",
        "4294967296",
        "18446744073709551616",
        "-1",
        "O5",
        "O6",
        "O7",
        "f1",
        "c9",
        "t-1",
        "W",
        "Z",
        "X",
        "x",
        "hello",
    };

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(CASES);
    }

    @Provide
    Arbitrary<byte[]> tokenStreams() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(ts -> Feed.bytes(String.join("", ts)));
    }

    @Property(tries = 400)
    void randomBytes(@ForAll("cases") Case target, @ForAll @Size(max = 400) byte[] junk, @ForAll long chunkSeed) {
        check(target, junk, chunkSeed);
    }

    @Property(tries = 1200)
    void randomTokenStreams(
            @ForAll("cases") Case target, @ForAll("tokenStreams") byte[] stream, @ForAll long chunkSeed) {
        check(target, stream, chunkSeed);
    }

    @Property(tries = 2500)
    void mutatedValidReplies(
            @ForAll("cases") Case target,
            @ForAll long mutationSeed,
            @ForAll @IntRange(min = 1, max = 4) int mutations,
            @ForAll long chunkSeed) {
        check(target, mutate(target.reply(), new Random(mutationSeed), mutations), chunkSeed);
    }

    @Property(tries = 60)
    void longLinesWithoutLfStayBounded(
            @ForAll("cases") Case target,
            @ForAll @IntRange(min = 0, max = 3 * Wire.MAX_LINE) int length,
            @ForAll boolean afterValidPrefix,
            @ForAll long chunkSeed) {
        byte[] prefix = afterValidPrefix ? Arrays.copyOf(target.reply(), target.reply().length / 2) : new byte[0];
        byte[] junk = new byte[length];
        Arrays.fill(junk, (byte) '7');
        check(target, Feed.concat(prefix, junk), chunkSeed);
    }

    /** The unmutated replies decode, in any chunking: the harness itself can tell success from failure. */
    @Property(tries = 100)
    void validRepliesComplete(@ForAll("cases") Case target, @ForAll long chunkSeed) {
        Outcome o = check(target, target.reply(), chunkSeed);
        assertThat(o.error).as("%s", target).isNull();
        assertThat(o.complete).isTrue();
        assertThat(o.consumed).isEqualTo(target.reply().length);
    }

    static byte[] mutate(byte[] reply, Random r, int mutations) {
        byte[] b = reply;
        for (int m = 0; m < mutations; m++) {
            int at = r.nextInt(b.length + 1);
            switch (r.nextInt(6)) {
                case 0: // flip a byte
                    if (b.length > 0) {
                        b = b.clone();
                        int i = Math.min(at, b.length - 1);
                        b[i] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (b[i] ^ (1 << r.nextInt(8)));
                    }
                    break;
                case 1: // truncate
                    b = Arrays.copyOf(b, at);
                    break;
                case 2: // insert random or protocol bytes
                    byte[] ins = r.nextBoolean()
                            ? randomBytes(r, 1 + r.nextInt(8))
                            : Feed.bytes(TOKENS[r.nextInt(TOKENS.length)]);
                    b = splice(b, at, at, ins);
                    break;
                case 3: // duplicate a slice
                    int from = r.nextInt(b.length + 1);
                    int to = Math.min(b.length, from + r.nextInt(20));
                    b = splice(b, at, at, Arrays.copyOfRange(b, Math.min(from, to), to));
                    break;
                case 4: // delete a slice
                    b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(4)), new byte[0]);
                    break;
                default: // inflate a number: what a length mutated past the bound looks like
                    int digit = indexOfDigit(b, at);
                    if (digit >= 0) {
                        String[] big = {
                            "257", "999999", "2147483647", "2147483648", "4294967296", "99999999999999999999"
                        };
                        b = splice(b, digit, digit + 1, Feed.bytes(big[r.nextInt(big.length)]));
                    }
            }
        }
        return b;
    }

    private static int indexOfDigit(byte[] b, int from) {
        for (int k = 0; k < b.length; k++) {
            int i = (from + k) % b.length;
            if (b[i] >= '0' && b[i] <= '9') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] ins) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b, 0, from);
        o.write(ins, 0, ins.length);
        o.write(b, to, b.length - to);
        return o.toByteArray();
    }

    static final class Outcome {
        boolean complete;
        int consumed;
        ProtocolError error;
    }

    /** Feeds the stream in random chunks, checking every invariant; returns how it ended. */
    static Outcome check(Case target, byte[] stream, long chunkSeed) {
        return Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> {
                    try {
                        return feed(target, stream, chunkSeed, false);
                    } catch (OverAllocation first) {
                        // The first run of a code path loads classes, which allocates on the calling thread: replay the
                        // same chunks, now with warm classes, and hold that run to the limit.
                        return feed(target, stream, chunkSeed, true);
                    }
                },
                () -> "decoding hung on " + quote(stream));
    }

    private static final class OverAllocation extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static void checkAllocation(boolean strict, long allocated, long limit, String what, byte[] stream) {
        if (allocated > limit) {
            if (!strict) {
                throw new OverAllocation();
            }
            assertThat(allocated)
                    .as("bytes allocated by %s on %s", what, quote(stream))
                    .isLessThanOrEqualTo(limit);
        }
    }

    private static Outcome feed(Case target, byte[] stream, long chunkSeed, boolean strict) {
        Random r = new Random(chunkSeed);
        TestCommand c = target.command().copyRequest();
        c.resetReply();
        ByteBuf cum = Unpooled.buffer();
        Outcome out = new Outcome();
        int keys = c.multi == null ? 1 : c.multi.keys.length;
        try {
            int at = 0;
            int calls = 0;
            while (at < stream.length || calls == 0) {
                int n = Math.min(stream.length - at, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(64));
                if (r.nextInt(20) == 0) {
                    n = stream.length - at;
                }
                cum.writeBytes(stream, at, n);
                at += n;
                calls++;
                assertThat(calls).as("decode calls").isLessThanOrEqualTo(stream.length + 1);
                long valuesMayTake = (long) keys * (BOUND + 16);
                long before = DecoderBoundsTest.allocatedBytes();
                boolean done;
                try {
                    done = target.dialect().decode(c, cum);
                } catch (ProtocolError e) {
                    checkAllocation(
                            strict,
                            DecoderBoundsTest.allocatedBytes() - before,
                            valuesMayTake + REFUSAL_SLACK,
                            "a refusing decode call",
                            stream);
                    out.error = e;
                    assertThat(e.getMessage()).as("message of %s", e).contains("received '");
                    return out;
                } catch (OverAllocation | AssertionError e) {
                    throw e;
                } catch (Throwable t) {
                    throw new AssertionError("decode of " + target + " threw " + t + " on " + quote(stream), t);
                }
                checkAllocation(
                        strict,
                        DecoderBoundsTest.allocatedBytes() - before,
                        valuesMayTake + 8L * cum.readableBytes() + SLACK,
                        "one decode call",
                        stream);
                if (done) {
                    out.complete = true;
                    out.consumed = cum.readerIndex();
                    assertThat(out.consumed).isBetween(1, stream.length);
                    assertThat(c.status).as("status of a completed reply").isNotNull();
                    if (c.data != null) {
                        assertThat(c.data.length).isLessThanOrEqualTo(BOUND);
                    }
                    if (c.multi != null && c.multi.values != null) {
                        for (byte[] v : c.multi.values) {
                            assertThat(v == null ? 0 : v.length).isLessThanOrEqualTo(BOUND);
                        }
                    }
                    return out;
                }
                assertThat(cum.readableBytes())
                        .as("bytes left waiting for more on %s", quote(stream))
                        .isLessThan(MAX_WAITING);
            }
            return out;
        } finally {
            cum.release();
        }
    }

    static String quote(byte[] b) {
        return "'" + Wire.quote(Unpooled.wrappedBuffer(b), 0, b.length) + "' (" + b.length + " bytes)";
    }
}
