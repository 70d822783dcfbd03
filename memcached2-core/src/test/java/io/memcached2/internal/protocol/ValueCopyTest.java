package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A value is copied out of the read buffer once. On Java 24 and later Netty runs without sun.misc.Unsafe by default,
 * and a direct buffer's {@code getBytes} then copies through a new ByteBuffer duplicate per call, 64 bytes on every
 * value read unless the JIT removes it. Without Unsafe no copy may go through {@code getBytes}.
 */
class ValueCopyTest {
    /** The direct buffer Netty makes when it has no Unsafe, counting the copies that duplicate its ByteBuffer. */
    private static final class CountingDirectBuffer extends UnpooledDirectByteBuf {
        int duplicatingCopies;

        CountingDirectBuffer(int capacity) {
            super(UnpooledByteBufAllocator.DEFAULT, capacity, capacity);
        }

        @Override
        public ByteBuf getBytes(int index, byte[] dst, int dstIndex, int length) {
            duplicatingCopies++;
            return super.getBytes(index, dst, dstIndex, length);
        }
    }

    @Test
    void withoutUnsafeNoValueIsCopiedThroughADuplicate() {
        int large = Wire.SMALL_COPY_MAX + 1;
        CountingDirectBuffer in = new CountingDirectBuffer(64 + large);
        in.writeBytes("VA 5 \r\nhello\r\nVA 3 \r\nbye\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] big = new byte[large];
        for (int i = 0; i < large; i++) {
            big[i] = (byte) i;
        }
        in.writeBytes(big);
        try {
            assertThat(ascii(Wire.copy(in, 7, 5, false))).isEqualTo("hello");
            assertThat(ascii(Wire.copy(in, 21, 3, false))).isEqualTo("bye");
            assertThat(Wire.copy(in, 7, 0, false)).isEmpty();
            assertThat(Wire.copy(in, 26, 21, false)).as("longs and a tail").isEqualTo(Arrays.copyOf(big, 21));
            assertThat(Wire.copy(in, 26, large, false))
                    .as("a value above the small-copy limit")
                    .isEqualTo(big);
            assertThat(in.duplicatingCopies)
                    .as("copies made through getBytes, which duplicates the ByteBuffer each time")
                    .isZero();
            assertThat(in.readerIndex()).as("the copy moves nothing").isZero();
            assertThat(in.writerIndex()).isEqualTo(26 + large);
        } finally {
            in.release();
        }
    }

    @Test
    void everyBufferKindCopiesTheSameBytesWithOrWithoutUnsafe() {
        byte[] wire = "VALUE k 0 5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuf heap = Unpooled.wrappedBuffer(wire);
        ByteBuf direct = Unpooled.directBuffer(wire.length).writeBytes(wire);
        try {
            for (boolean unsafe : new boolean[] {true, false}) {
                assertThat(ascii(Wire.copy(heap, 13, 5, unsafe))).isEqualTo("hello");
                assertThat(ascii(Wire.copy(direct, 13, 5, unsafe))).isEqualTo("hello");
            }
            assertThat(ascii(Wire.copy(direct, 13, 5))).isEqualTo("hello");
        } finally {
            heap.release();
            direct.release();
        }
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
