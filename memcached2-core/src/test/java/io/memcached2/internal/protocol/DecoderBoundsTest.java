package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Declared lengths above maxValueBytes fail on the header alone, without allocating the value; lines longer than
 * Wire.MAX_LINE fail without waiting for a CRLF; so no input makes a decoder buffer past its bound.
 */
class DecoderBoundsTest {
    private static final int MAX = 1 << 20;
    private final MetaDialect meta = new MetaDialect(MAX, false);
    private final TextDialect text = new TextDialect(MAX);

    private static final Object THREADS;
    private static final java.lang.reflect.Method ALLOCATED;

    static {
        // by reflection: the test sources compile inside module io.memcached2, which does not read java.management
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return the bytes the current thread has allocated so far */
    static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs decode once on the bytes and returns how many bytes the thread allocated meanwhile (-1 if it threw). */
    private static long allocationOf(Dialect d, TestCommand c, ByteBuf in, boolean expectThrow) {
        c.resetReply();
        long before = allocatedBytes();
        try {
            boolean done = d.decode(c, in);
            assertThat(expectThrow)
                    .as("decode returned %s instead of throwing", done)
                    .isFalse();
            assertThat(done).isFalse();
        } catch (ProtocolError e) {
            assertThat(expectThrow).as("unexpected %s", e).isTrue();
        }
        return allocatedBytes() - before;
    }

    private static ByteBuf header(String line) {
        return Unpooled.wrappedBuffer(Feed.bytes(line));
    }

    @Test
    void metaValueOverTheBoundFailsOnTheHeader() {
        assertThatThrownBy(() -> meta.decode(TestCommand.of(Op.GET, "k").opaque(1), header("VA 1048577 O1\r\n")))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("1048577-byte value, over the maximum item size of 1048576")
                .hasMessageContaining("received 'VA 1048577 O1\\r\\n'");
        assertThatThrownBy(() -> meta.decode(TestCommand.of(Op.INCR, "k").opaque(1), header("VA 2000000000 O1\r\n")))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("over the maximum item size");
        assertThatThrownBy(() -> meta.decode(
                        TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(1),
                        header("VA 1 O1\r\nx\r\nVA 1048577 O2\r\n")))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("over the maximum item size");
    }

    @Test
    void textValueOverTheBoundFailsOnTheHeader() {
        assertThatThrownBy(() -> text.decode(TestCommand.of(Op.GET, "k"), header("VALUE k 0 1048577\r\n")))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("over the maximum item size of 1048576")
                .hasMessageContaining("received 'VALUE k 0 1048577\\r\\n'");
        assertThatThrownBy(() ->
                        text.decode(TestCommand.multi(Op.GETS_MULTI, false, "a"), header("VALUE a 0 2147483647 1\r\n")))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("over the maximum item size");
    }

    @Test
    void aValueAtTheBoundIsAccepted() {
        byte[] v = new byte[MAX];
        Arrays.fill(v, (byte) 'x');
        ByteBuf in = Unpooled.wrappedBuffer(Feed.bytes("VA 1048576 O1\r\n"), v, Feed.bytes("\r\n"));
        TestCommand c = TestCommand.of(Op.GET, "k").opaque(1);
        assertThat(meta.decode(c, in)).isTrue();
        assertThat(c.data).hasSize(MAX);
    }

    @Test
    void neitherRefusingNorWaitingForAValueAllocatesIt() {
        // warm up so class loading and JIT do not count
        for (int i = 0; i < 200; i++) {
            allocationOf(meta, TestCommand.of(Op.GET, "k").opaque(1), header("VA 1048576 O1\r\nabc"), false);
            allocationOf(meta, TestCommand.of(Op.GET, "k").opaque(1), header("VA 1048577 O1\r\n"), true);
            allocationOf(text, TestCommand.of(Op.GET, "k"), header("VALUE k 0 1048576\r\nabc"), false);
            allocationOf(text, TestCommand.of(Op.GET, "k"), header("VALUE k 0 1048577\r\n"), true);
        }
        long waitingMeta =
                allocationOf(meta, TestCommand.of(Op.GET, "k").opaque(1), header("VA 1048576 O1\r\nabc"), false);
        long refusedMeta = allocationOf(meta, TestCommand.of(Op.GET, "k").opaque(1), header("VA 1048577 O1\r\n"), true);
        long waitingText = allocationOf(text, TestCommand.of(Op.GET, "k"), header("VALUE k 0 1048576\r\nabc"), false);
        long refusedText = allocationOf(text, TestCommand.of(Op.GET, "k"), header("VALUE k 0 1048577\r\n"), true);
        // the exception and its message cost a few kilobytes; a value array would cost a megabyte
        assertThat(waitingMeta).isLessThan(1024);
        assertThat(waitingText).isLessThan(1024);
        assertThat(refusedMeta).isLessThan(64 * 1024);
        assertThat(refusedText).isLessThan(64 * 1024);
    }

    @Test
    void aLineWithoutCrlfFailsAtTheLineBound() {
        byte[] line = new byte[Wire.MAX_LINE - 1];
        Arrays.fill(line, (byte) 'A');
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(line);
        TestCommand c = TestCommand.of(Op.GET, "k").opaque(1);
        assertThat(meta.decode(c, in)).as("one byte under the bound: wait").isFalse();
        in.writeByte('A');
        assertThatThrownBy(() -> meta.decode(c, in))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("reply line longer than 8192 bytes without CRLF")
                .hasMessageContaining("received 'AAAA");
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void everyDecoderStopsAtTheLineBound() {
        byte[] junk = new byte[Wire.MAX_LINE];
        Arrays.fill(junk, (byte) '5');
        TestCommand[] commands = {
            TestCommand.of(Op.GET, "k"), TestCommand.of(Op.SET, "k"), TestCommand.of(Op.INCR, "k"),
            TestCommand.multi(Op.GET_MULTI, true, "a"), TestCommand.plain(Op.STATS), TestCommand.plain(Op.VERSION),
            TestCommand.plain(Op.NOOP),
        };
        for (Dialect d : new Dialect[] {meta, text}) {
            for (TestCommand c : commands) {
                assertThatThrownBy(() -> d.decode(c, Unpooled.wrappedBuffer(junk)))
                        .as("%s %s", d, c.op)
                        .isInstanceOf(ProtocolError.class)
                        .hasMessageContaining("longer than");
            }
            // also after a first, complete part of a multi-part reply
            ByteBuf in =
                    Unpooled.wrappedBuffer(Feed.bytes(d.isMeta() ? "VA 1 O0\r\nx\r\n" : "VALUE a 0 1\r\nx\r\n"), junk);
            assertThatThrownBy(() -> d.decode(TestCommand.multi(Op.GET_MULTI, d.isMeta(), "a", "b"), in))
                    .isInstanceOf(ProtocolError.class)
                    .hasMessageContaining("longer than");
            ByteBuf stats = Unpooled.wrappedBuffer(Feed.bytes("STAT a 1\r\n"), junk);
            assertThatThrownBy(() -> d.decode(TestCommand.plain(Op.STATS), stats))
                    .isInstanceOf(ProtocolError.class)
                    .hasMessageContaining("longer than");
        }
    }

    @Test
    void statsRepliesAreBoundedInLines() {
        ByteBuf in = Unpooled.buffer();
        for (int i = 0; i <= SharedCommands.MAX_STATS_LINES; i++) {
            in.writeCharSequence("STAT s" + i + " 1\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        }
        in.writeCharSequence("END\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> text.decode(TestCommand.plain(Op.STATS), in))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("stats reply longer than 100000 lines")
                .hasMessageContaining("received 'STAT s100000 1");
    }
}
