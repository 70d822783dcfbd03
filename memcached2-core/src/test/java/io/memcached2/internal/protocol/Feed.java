package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds reply bytes to a decoder the way a Netty cumulating decoder does: chunks are appended to one buffer, and
 * decode is called after each chunk until it reports completion.
 */
final class Feed {
    private Feed() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The outcome of feeding: whether decode completed, and how many bytes it consumed. */
    record Result(boolean complete, int consumed, int calls) {}

    /**
     * Appends the chunks one by one to a cumulation buffer, calling decode after each (and again while it keeps
     * consuming), and stops at the first true.
     */
    static Result feed(Dialect d, Command c, List<byte[]> chunks) {
        ByteBuf cum = Unpooled.buffer();
        int calls = 0;
        try {
            for (byte[] chunk : chunks) {
                cum.writeBytes(chunk);
                calls++;
                if (d.decode(c, cum)) {
                    return new Result(true, cum.readerIndex(), calls);
                }
            }
            return new Result(false, cum.readerIndex(), calls);
        } finally {
            cum.release();
        }
    }

    /** Splits bytes at the given offsets (sorted, each in (0, length)). */
    static List<byte[]> split(byte[] all, int... cuts) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.add(Arrays.copyOfRange(all, from, cut));
            from = cut;
        }
        out.add(Arrays.copyOfRange(all, from, all.length));
        return out;
    }

    static List<byte[]> oneByteAtATime(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        for (byte b : all) {
            out.add(new byte[] {b});
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /**
     * Decodes {@code reply} for a copy of {@code request}: whole, one byte at a time, split in two at every offset,
     * and in three at a spread of offset pairs, each time followed by {@code trailer} (the next reply's bytes).
     * Every way must complete exactly at the end of the reply, without having completed earlier, and leave the
     * command in a state that passes {@code check}.
     *
     * @return the command decoded from the whole reply
     */
    static TestCommand decodeAllWays(
            Dialect d, TestCommand request, String reply, String trailer, Consumer<TestCommand> check) {
        byte[] r = bytes(reply);
        byte[] withTrailer = concat(r, bytes(trailer));
        List<List<byte[]>> ways = new ArrayList<>();
        ways.add(List.of(withTrailer));
        ways.add(List.of(r));
        List<byte[]> single = oneByteAtATime(r);
        single.add(bytes(trailer));
        ways.add(single);
        for (int cut = 1; cut < withTrailer.length; cut++) {
            ways.add(split(withTrailer, cut));
        }
        int step = Math.max(1, r.length / 12);
        for (int a = 1; a < r.length; a += step) {
            for (int b = a + 1; b < withTrailer.length; b += step) {
                ways.add(split(withTrailer, a, b));
            }
        }
        TestCommand first = null;
        for (List<byte[]> way : ways) {
            TestCommand c = request.copyRequest();
            c.resetReply();
            Result res = feed(d, c, way);
            String how = describe(way);
            assertThat(res.complete()).as("complete, fed as %s", how).isTrue();
            assertThat(res.consumed()).as("consumed, fed as %s", how).isEqualTo(r.length);
            check.accept(c);
            if (first == null) {
                first = c;
            }
        }
        // Completion must not come early: no proper prefix of the reply decodes to completion.
        for (int len = 0; len < r.length; len++) {
            TestCommand c = request.copyRequest();
            c.resetReply();
            Result res = feed(d, c, List.of(Arrays.copyOf(r, len)));
            assertThat(res.complete())
                    .as("complete after only %d of %d bytes", len, r.length)
                    .isFalse();
        }
        return first;
    }

    static TestCommand decodeAllWays(Dialect d, TestCommand request, String reply, Consumer<TestCommand> check) {
        return decodeAllWays(d, request, reply, "HD O777\r\n", check);
    }

    private static String describe(List<byte[]> way) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : way) {
            sb.append(b.length).append(',');
        }
        return sb.length() > 60 ? way.size() + " chunks" : "chunks of " + sb;
    }

    /** Decodes the reply fed whole; returns the command. */
    static TestCommand decodeWhole(Dialect d, TestCommand c, String reply) {
        c.resetReply();
        Result res = feed(d, c, List.of(bytes(reply)));
        assertThat(res.complete()).as("complete").isTrue();
        assertThat(res.consumed()).as("consumed").isEqualTo(bytes(reply).length);
        return c;
    }

    /** Calls decode once on the bytes, which must throw; returns nothing (use with assertThatThrownBy). */
    static boolean decodeOnce(Dialect d, Command c, String reply) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes(reply));
        c.resetReply();
        return d.decode(c, in);
    }

    static String encode(Dialect d, Command c) {
        ByteBuf out = Unpooled.buffer();
        try {
            d.encode(c, out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }
}
