package io.memcached2.bench.jmh;

import io.memcached2.Transcoders;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the built-in string transcoder on the hot path, per value size. Also the template for the codec
 * micro-benchmarks of this package: JMH's annotation processor generates their harness at compile time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranscoderBenchmark {
    /** Length of the string value in characters (ASCII, so also in bytes). */
    @Param({"32", "1024"})
    public int length;

    private final Transcoder<String> strings = Transcoders.strings();
    private String value;
    private byte[] stored;

    /** Builds the value and its stored form once per trial. */
    @Setup
    public void setUp() {
        value = "v".repeat(length);
        stored = strings.encode(value).data();
    }

    /** @return the encoded value, consumed by JMH so the work is not eliminated */
    @Benchmark
    public Encoded encodeString() {
        return strings.encode(value);
    }

    /** @return the decoded value, consumed by JMH so the work is not eliminated */
    @Benchmark
    public String decodeString() {
        return strings.decode(0, stored);
    }
}
