package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Numbers on the wire: unsigned 64-bit deltas, CAS and counters, unsigned 32-bit flags, signed exptimes. */
class NumberRoundTripProperties {
    private final MetaDialect meta = new MetaDialect(1 << 20, false);
    private final TextDialect text = new TextDialect(1 << 20);

    @Property(tries = 300)
    void deltasAreWrittenAsUnsignedDecimal(@ForAll long delta) {
        String d = Long.toUnsignedString(delta);
        assertThat(Feed.encode(text, TestCommand.of(Op.INCR, "n").delta(delta))).isEqualTo("incr n " + d + "\r\n");
        assertThat(Feed.encode(meta, TestCommand.of(Op.DECR, "n").delta(delta).opaque(1)))
                .isEqualTo("ma n v MD D" + d + " O1\r\n");
    }

    @Property(tries = 300)
    void flagsAndExptimes(@ForAll int flags, @ForAll int exptime) {
        String f = Integer.toUnsignedString(flags);
        assertThat(Feed.encode(
                        text,
                        TestCommand.of(Op.SET, "k").value("v").flags(flags).exptime(exptime)))
                .isEqualTo("set k " + f + " " + exptime + " 1\r\nv\r\n");
        String m = Feed.encode(
                meta,
                TestCommand.of(Op.SET, "k")
                        .value("v")
                        .flags(flags)
                        .exptime(exptime)
                        .opaque(1));
        assertThat(m)
                .isEqualTo("ms k 1" + (flags != 0 ? " F" + f : "") + (exptime != 0 ? " T" + exptime : "")
                        + " O1\r\nv\r\n");
    }

    @Property(tries = 300)
    void casUniquesRoundTrip(@ForAll long cas, @ForAll int flags) {
        String c = Long.toUnsignedString(cas);
        String f = Integer.toUnsignedString(flags);
        TestCommand t =
                Feed.decodeWhole(text, TestCommand.of(Op.GETS, "k"), "VALUE k " + f + " 1 " + c + "\r\nx\r\nEND\r\n");
        assertThat(t.replyCas).isEqualTo(cas);
        assertThat(t.replyFlags).isEqualTo(flags);
        TestCommand m = Feed.decodeWhole(
                meta, TestCommand.of(Op.GETS, "k").opaque(3), "VA 1 f" + f + " c" + c + " O3\r\nx\r\n");
        assertThat(m.replyCas).isEqualTo(cas);
        assertThat(m.replyFlags).isEqualTo(flags);
        assertThat(Feed.encode(
                        meta,
                        TestCommand.of(Op.CAS, "k")
                                .value("x")
                                .cas(cas == 0 ? 1 : cas)
                                .opaque(1)))
                .contains(" C" + Long.toUnsignedString(cas == 0 ? 1 : cas) + " ");
    }

    @Property(tries = 300)
    void countersRoundTrip(@ForAll long n) {
        String s = Long.toUnsignedString(n);
        assertThat(Feed.decodeWhole(text, TestCommand.of(Op.INCR, "n"), s + "\r\n").number)
                .isEqualTo(n);
        assertThat(Feed.decodeWhole(
                                meta,
                                TestCommand.of(Op.INCR, "n").opaque(2),
                                "VA " + s.length() + " O2\r\n" + s + "\r\n")
                        .number)
                .isEqualTo(n);
    }

    @Property(tries = 200)
    void opaquesRoundTrip(@ForAll int opaque) {
        String enc = Feed.encode(meta, TestCommand.of(Op.GET, "k").opaque(opaque));
        String token = enc.substring(enc.indexOf(" O") + 1, enc.length() - 2);
        TestCommand c = Feed.decodeWhole(meta, TestCommand.of(Op.GET, "k").opaque(opaque), "EN " + token + "\r\n");
        assertThat(c.status).isEqualTo(Status.MISS);
    }
}
