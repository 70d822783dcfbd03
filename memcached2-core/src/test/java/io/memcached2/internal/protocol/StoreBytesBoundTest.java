package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection sizes its write buffer by {@link Command#storeBytesBound()}, because growing a buffer copies what
 * it holds (and, where Netty has no Unsafe, makes a NIO view per growth). The bound must hold for the largest store
 * header each dialect writes: a 250-byte key, every option, the largest numbers.
 */
class StoreBytesBoundTest {
    private static final String LONGEST_ASCII_KEY = "k".repeat(250);
    /** 62 four-byte characters: 248 bytes of UTF-8, which meta sends base64-encoded. */
    private static final String WIDEST_UTF8_KEY = "\uD83D\uDE00".repeat(62);

    @Test
    void everyDialectWritesTheLargestStoreWithinItsBound() {
        List<Dialect> dialects =
                List.of(new TextDialect(1 << 20), new MetaDialect(1 << 20), new BinaryDialect(1 << 20));
        for (Dialect dialect : dialects) {
            boolean meta = dialect instanceof MetaDialect;
            for (String key : meta ? List.of(LONGEST_ASCII_KEY, WIDEST_UTF8_KEY) : List.of(LONGEST_ASCII_KEY)) {
                for (Op op : new Op[] {Op.SET, Op.CAS}) {
                    TestCommand c = TestCommand.plain(null);
                    c.store(
                            op,
                            key,
                            Keys.check(key, meta),
                            new byte[100_000],
                            -1,
                            Integer.MAX_VALUE,
                            op == Op.CAS ? Long.MAX_VALUE : 0);
                    c.opaque(Integer.MAX_VALUE);
                    int bound = c.storeBytesBound();
                    ByteBuf out = Unpooled.directBuffer(bound);
                    try {
                        dialect.encode(c, out);
                        assertThat(out.capacity())
                                .as(
                                        "%s %s with a %d-character key: %d bytes written",
                                        dialect.name(), op, key.length(), out.writerIndex())
                                .isEqualTo(bound);
                    } finally {
                        out.release();
                    }
                }
            }
        }
    }
}
