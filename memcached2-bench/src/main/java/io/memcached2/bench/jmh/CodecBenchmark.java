package io.memcached2.bench.jmh;

import io.memcached2.internal.protocol.Command;
import io.memcached2.internal.protocol.Dialect;
import io.memcached2.internal.protocol.Keys;
import io.memcached2.internal.protocol.MetaDialect;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.TextDialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the protocol codecs on the hot path, per dialect: encoding a get and a 32-byte set into a reused
 * buffer, and decoding a 32-byte hit and a miss from a buffer rewound each time. Run with {@code -prof gc} to see
 * the bytes allocated per operation: encoding should allocate nothing, a hit only its value array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    /** meta (mg/ms with opaque tokens) or text (get/set). */
    @Param({"meta", "text"})
    public String dialect;

    private static final int MAX_VALUE = 1 << 20;

    /** A command for the codec alone. */
    static final class BenchCommand extends Command {}

    private Dialect codec;
    private BenchCommand get;
    private BenchCommand set;
    private BenchCommand hit;
    private BenchCommand miss;
    private ByteBuf out;
    private ByteBuf hitReply;
    private ByteBuf missReply;

    /** Builds the commands and replies once per trial. */
    @Setup
    public void setUp() {
        boolean meta = dialect.equals("meta");
        codec = meta ? new MetaDialect(MAX_VALUE) : new TextDialect(MAX_VALUE);
        String key = "user:1234567890";
        get = get(key, meta);
        set = new BenchCommand();
        set.store(Op.SET, key, Keys.check(key, meta), "v".repeat(32).getBytes(StandardCharsets.US_ASCII), 1, 300, 0);
        set.assignOpaque(77);
        hit = get(key, meta);
        miss = get(key, meta);
        String value = "v".repeat(32);
        hitReply = reply(
                meta ? "VA 32 f1 O77\r\n" + value + "\r\n" : "VALUE " + key + " 1 32\r\n" + value + "\r\nEND\r\n");
        missReply = reply(meta ? "EN O77\r\n" : "END\r\n");
        out = Unpooled.buffer(256);
    }

    private static BenchCommand get(String key, boolean meta) {
        BenchCommand c = new BenchCommand();
        c.get(Op.GET, key, Keys.check(key, meta), null);
        c.assignOpaque(77);
        return c;
    }

    private static ByteBuf reply(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Releases the buffers. */
    @TearDown
    public void tearDown() {
        out.release();
        hitReply.release();
        missReply.release();
    }

    /** @return the bytes written, consumed by JMH */
    @Benchmark
    public int encodeGet() {
        out.clear();
        codec.encode(get, out);
        return out.writerIndex();
    }

    /** @return the bytes written, consumed by JMH */
    @Benchmark
    public int encodeSet32() {
        out.clear();
        codec.encode(set, out);
        return out.writerIndex();
    }

    /** @return the decoded value, consumed by JMH */
    @Benchmark
    public byte[] decodeHit32() {
        hitReply.readerIndex(0);
        hit.resetReply();
        if (!codec.decode(hit, hitReply)) {
            throw new IllegalStateException("incomplete");
        }
        return hit.data();
    }

    /** @return the status, consumed by JMH */
    @Benchmark
    public Object decodeMiss() {
        missReply.readerIndex(0);
        miss.resetReply();
        if (!codec.decode(miss, missReply)) {
            throw new IllegalStateException("incomplete");
        }
        return miss.status();
    }
}
