package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ProtocolError;
import org.junit.jupiter.api.Test;

/** Command.resetReply lets a decoder start afresh on the command; describe() names it in errors. */
class CommandResetTest {

    @Test
    void resetClearsSingleReplyFields() {
        TestCommand c = TestCommand.of(Op.GETS, "k").opaque(1);
        Feed.decodeWhole(new MetaDialect(100, false), c, "VA 1 f3 c4 t5 O1 W Z X\r\nx\r\n");
        c.resetReply();
        assertThat(c.status).isNull();
        assertThat(c.data).isNull();
        assertThat(c.replyFlags).isZero();
        assertThat(c.replyCas).isZero();
        assertThat(c.ttlLeft).isZero();
        assertThat(c.win || c.leaseTaken || c.stale || c.poisonsConnection).isFalse();
    }

    @Test
    void resetClearsMultiGetValues() {
        MetaDialect meta = new MetaDialect(100, false);
        TestCommand c = TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(1);
        assertThatThrownBy(() -> Feed.decodeOnce(meta, c, "VA 1 f9 O1\r\nA\r\nERROR\r\n"))
                .isInstanceOf(ProtocolError.class);
        c.resetReply();
        Feed.decodeWhole(meta, c, "MN\r\n");
        assertThat(c.multi.values[0]).as("value of the first attempt").isNull();
        assertThat(c.multi.flags[0]).isZero();
    }

    @Test
    void describeNamesOpAndEscapedKey() {
        assertThat(TestCommand.of(Op.GET, "a\r\nb").describe()).isEqualTo("GET 'a\\r\\nb'");
        assertThat(TestCommand.multi(Op.GETS_MULTI, true, "a", "b").describe()).isEqualTo("GETS_MULTI of 2 keys");
        assertThat(TestCommand.plain(Op.VERSION).describe()).isEqualTo("VERSION");
    }
}
