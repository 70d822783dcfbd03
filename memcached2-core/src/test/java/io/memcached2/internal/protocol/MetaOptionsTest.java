package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The optional meta flags are one value all dialects read: meta writes each flag, text refuses every one and
 * binary every one but the returned CAS unique (it returns one for every store anyway), naming the flag.
 */
class MetaOptionsTest {
    private final Dialect meta = new MetaDialect(1 << 20);
    private final Dialect text = new TextDialect(1 << 20);
    private final Dialect binary = new BinaryDialect(1 << 20);

    @Test
    void noOptionsIsNullAndEveryDialectEncodesTheRequest() {
        TestCommand get = TestCommand.of(Op.GET, "k");
        assertThat(get.options()).isNull();
        assertThat(MetaOptions.inexpressible(null, false)).isNull();
        for (Dialect d : new Dialect[] {meta, text, binary}) {
            ByteBuf out = Unpooled.buffer();
            try {
                d.encode(get, out);
                assertThat(out.readableBytes()).isPositive();
            } finally {
                out.release();
            }
        }
    }

    @Test
    void theDialectsWithoutMetaRefuseTheSameFlagsFromOnePlace() {
        assertThat(MetaOptions.inexpressible(MetaOptions.lease(30, false), false))
                .contains("meta N");
        assertThat(MetaOptions.inexpressible(MetaOptions.lease(30, true), true)).contains("meta N");
        assertThat(MetaOptions.inexpressible(MetaOptions.recache(5), false)).contains("meta R");
        assertThat(MetaOptions.inexpressible(MetaOptions.of(0, 0, true, false, false), true))
                .contains("meta t");
        assertThat(MetaOptions.inexpressible(MetaOptions.INVALIDATE, false)).contains("meta I");
        assertThat(MetaOptions.inexpressible(MetaOptions.RETURN_CAS, false)).contains("meta c");
        assertThat(MetaOptions.inexpressible(MetaOptions.RETURN_CAS, true))
                .as("binary returns the CAS anyway")
                .isNull();

        TestCommand stale = TestCommand.of(Op.DELETE, "k").opaque(5);
        stale.options = MetaOptions.INVALIDATE;
        assertThat(encode(meta, stale)).isEqualTo("md k I O5\r\n");
        refused(text, stale, "invalidation (stale items, meta I) needs the meta protocol");
        refused(binary, stale, "invalidation (stale items, meta I) cannot be expressed in the binary protocol");
    }

    private static String encode(Dialect d, Command c) {
        ByteBuf out = Unpooled.buffer();
        try {
            d.encode(c, out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    private static void refused(Dialect d, Command c, String message) {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> d.encode(c, out))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
            assertThat(out.readableBytes()).as("nothing written").isZero();
        } finally {
            out.release();
        }
    }
}
