package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each fill sets every request field of its kind: a filled command encodes exactly as one built field by field, in
 * every dialect; a fill refuses an operation of another kind.
 */
class CommandFillsTest {
    private static final byte ASCII = Command.KEY_ASCII;
    private final Dialect[] dialects = {
        new MetaDialect(1 << 20, false), new TextDialect(1 << 20), new BinaryDialect(1 << 20)
    };

    private static TestCommand filled(Consumer<TestCommand> fill) {
        TestCommand c = TestCommand.plain(null);
        fill.accept(c);
        c.assignOpaque(5);
        return c;
    }

    private void sameBytes(TestCommand filled, TestCommand built) {
        for (Dialect d : dialects) {
            String expected;
            try {
                expected = Feed.encode(d, built.opaque(5));
            } catch (IllegalArgumentException refused) {
                assertThatThrownBy(() -> Feed.encode(d, filled))
                        .as(d.name())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(refused.getMessage());
                continue;
            }
            assertThat(Feed.encode(d, filled)).as(d.name()).isEqualTo(expected);
        }
    }

    @Test
    void readsCarryTheirOptionsAndTtl() {
        MetaOptions lease = MetaOptions.lease(30, true);
        sameBytes(filled(c -> c.get(Op.GET, "k", ASCII, null)), TestCommand.of(Op.GET, "k"));
        sameBytes(
                filled(c -> c.get(Op.GETS, "k", ASCII, lease)),
                TestCommand.of(Op.GETS, "k").vivify(30).wantTtl());
        sameBytes(
                filled(c -> c.getAndTouch(Op.GATS, "k", ASCII, 60)),
                TestCommand.of(Op.GATS, "k").exptime(60));
        sameBytes(
                filled(c -> c.touch("k", ASCII, 60)),
                TestCommand.of(Op.TOUCH, "k").exptime(60));
    }

    @Test
    void deletesCarryTheirCasOrInvalidation() {
        sameBytes(filled(c -> c.delete("k", ASCII, 0)), TestCommand.of(Op.DELETE, "k"));
        sameBytes(
                filled(c -> c.delete("k", ASCII, 12)),
                TestCommand.of(Op.DELETE, "k").cas(12));
        sameBytes(
                filled(c -> c.invalidate("k", ASCII, 30)),
                TestCommand.of(Op.DELETE, "k").exptime(30).invalidate());
    }

    @Test
    void storesCarryValueFlagsTtlAndCas() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        sameBytes(
                filled(c -> c.store(Op.SET, "k", ASCII, abc, 7, 300, 0)),
                TestCommand.of(Op.SET, "k").value("abc").flags(7).exptime(300));
        sameBytes(
                filled(c -> c.store(Op.CAS, "k", ASCII, abc, 0, 0, 99)),
                TestCommand.of(Op.CAS, "k").value("abc").cas(99));
        TestCommand store = filled(c -> c.store(Op.SET, "k", ASCII, abc, 0, 0, 0));
        assertThat(store.payload()).isSameAs(abc);
        store.releasePayload();
        assertThat(store.payload()).isNull();
    }

    @Test
    void arithmeticCarriesItsDeltaAndTheAutoCreate() {
        sameBytes(
                filled(c -> c.arithmetic(Op.INCR, "k", ASCII, 3, false, 9, 60)),
                TestCommand.of(Op.INCR, "k").delta(3));
        TestCommand built = TestCommand.of(Op.DECR, "k").delta(3).exptime(60);
        built.autoCreate = true;
        built.initial = 9;
        sameBytes(filled(c -> c.arithmetic(Op.DECR, "k", ASCII, 3, true, 9, 60)), built);
    }

    @Test
    void aRefillReplacesTheWholeArithmeticRequest() {
        TestCommand c = filled(x -> x.arithmetic(Op.INCR, "k", ASCII, 3, true, 9, 60));
        c.arithmetic(Op.INCR, "k", ASCII, 3, false, 9, 60);
        sameBytes(c, TestCommand.of(Op.INCR, "k").delta(3));
    }

    @Test
    void multiGetsAndAdminCommands() {
        sameBytes(
                filled(c -> c.multiGet(Op.GETS_MULTI, new String[] {"a", "b"}, new byte[] {ASCII, ASCII})),
                TestCommand.multi(Op.GETS_MULTI, true, "a", "b"));
        sameBytes(
                filled(c -> c.admin(Op.FLUSH_ALL, null, 10)),
                TestCommand.plain(Op.FLUSH_ALL).exptime(10));
        sameBytes(
                filled(c -> c.admin(Op.STATS, "items", 0)),
                TestCommand.plain(Op.STATS).arg("items"));
        sameBytes(filled(c -> c.admin(Op.NOOP, null, 0)), TestCommand.plain(Op.NOOP));
    }

    @Test
    void theTransportsView() {
        TestCommand multi = filled(c -> c.multiGet(Op.GET_MULTI, new String[] {"a", "b"}, new byte[] {ASCII, ASCII}));
        assertThat(multi.keyCount()).isEqualTo(2);
        assertThat(multi.opaques()).as("a key each and the binary NOOP").isEqualTo(3);
        TestCommand get = filled(c -> c.get(Op.GET, "k", ASCII, null));
        assertThat(get.keyCount()).isEqualTo(1);
        assertThat(get.opaques()).isEqualTo(1);
        assertThat(get.op()).isEqualTo(Op.GET);
        assertThat(get.key()).isEqualTo("k");
        assertThat(filled(c -> c.admin(Op.VERSION, null, 0)).keyCount()).isZero();
    }

    @Test
    void aFillRefusesAnotherKindOfOperation() {
        TestCommand c = TestCommand.plain(null);
        byte[] v = new byte[1];
        assertThatThrownBy(() -> c.get(Op.SET, "k", ASCII, null)).hasMessageContaining("get cannot fill a SET");
        assertThatThrownBy(() -> c.getAndTouch(Op.GET, "k", ASCII, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.store(Op.GET, "k", ASCII, v, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.arithmetic(Op.SET, "k", ASCII, 1, false, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.multiGet(Op.GET, new String[] {"a"}, new byte[] {ASCII}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.multiGet(Op.GET_MULTI, new String[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.admin(Op.GET_MULTI, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.admin(Op.DELETE, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.op()).as("nothing filled").isNull();
    }
}
