package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.RealServerHarness.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential for PROTOCOL-NOTES §1-§2 error cases: raw requests (mostly ones our encoder never sends) go to the
 * real memcached 1.6.18; the exact reply is asserted, then decoded as the reply to the command it would answer.
 * CLIENT_ERROR / SERVER_ERROR become statuses; ERROR and replies we cannot attribute are ProtocolErrors.
 */
@ExtendWith(MemcachedExtension.class)
class ErrorRepliesAgainstMemcachedTest {
    private static final String K251 = "k".repeat(251);

    private static TestCommand text(Op op) {
        return TestCommand.of(op, "k", false).value("v").delta(1);
    }

    private static void clientError(RealServerHarness h, String request, TestCommand as, String message) {
        String reply = h.rawReply(request, exact("CLIENT_ERROR " + message + "\r\n"));
        decodeClientError(h, as, reply, message);
    }

    /** The server answers CLIENT_ERROR, then ERROR for the data block it parsed as a command. */
    private static void clientErrorThenError(RealServerHarness h, String request, TestCommand as, String message) {
        String reply = h.rawReply(request, exact("CLIENT_ERROR " + message + "\r\nERROR\r\n"));
        decodeClientError(h, as, reply.substring(0, reply.indexOf("\r\n") + 2), message);
        h.leftoverErrorPoisonsTheNextReply(reply);
    }

    private static void decodeClientError(RealServerHarness h, TestCommand as, String line, String message) {
        Feed.decodeAllWays(h.dialect, as, line, "END\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.CLIENT_ERROR);
            assertThat(c.text).isEqualTo("CLIENT_ERROR " + message);
            assertThat(c.poisonsConnection).isTrue();
        });
    }

    private static void error(RealServerHarness h, String request, TestCommand as, String reply) {
        h.rawRefused(request, as, exact(reply), reply.substring(0, reply.indexOf('\r')));
    }

    @Test
    void textErrorReplies(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            error(h, "foo\r\n", text(Op.GET), "ERROR\r\n");
            error(h, "GET foo\r\n", text(Op.GET), "ERROR\r\n");
            error(h, "\r\n", text(Op.SET), "ERROR\r\n");
            error(h, "g\r\n", text(Op.DELETE), "ERROR\r\n");
            error(h, "get\r\n", text(Op.GET), "ERROR\r\n");
            error(h, "set foo 0 0\r\n", text(Op.SET), "ERROR\r\n");
            error(h, "incr n1\r\n", text(Op.INCR), "ERROR\r\n");
            error(h, "incr n1 1 2 3\r\n", text(Op.INCR), "ERROR\r\n");
            error(h, "verbosity\r\n", TestCommand.plain(Op.VERBOSITY), "ERROR\r\n");
            error(h, "stats nosuch\r\n", TestCommand.plain(Op.STATS), "ERROR\r\n");
            error(h, "shutdown\r\n", TestCommand.plain(Op.FLUSH_ALL), "ERROR: shutdown not enabled\r\n");
            error(h, "set nr 0 0 1 noreply\r\nxyz\r\n", text(Op.SET), "ERROR\r\n");

            h.rawReply("get " + "k".repeat(250) + "\r\n", exact("END\r\n"));
            clientError(h, "get " + K251 + "\r\n", text(Op.GET), "bad command line format");
            clientError(
                    h,
                    "get mg1 " + K251 + "\r\n",
                    TestCommand.multi(Op.GET_MULTI, false, "mg1", "k"),
                    "bad command line format");
            clientError(h, "set foo 0 0 -1\r\n", text(Op.SET), "bad command line format");
            clientError(h, "incr n1 abc\r\n", text(Op.INCR), "invalid numeric delta argument");
            clientError(h, "incr n1 -1\r\n", text(Op.INCR), "invalid numeric delta argument");
            clientError(h, "touch t1 abc\r\n", text(Op.TOUCH), "invalid exptime argument");
            clientError(h, "gat abc g1\r\n", TestCommand.of(Op.GAT, "g1"), "invalid exptime argument");
            clientError(
                    h, "delete d1 10\r\n", text(Op.DELETE), "bad command line format.  Usage: delete <key> [noreply]");
            clientError(h, "flush_all abc\r\n", TestCommand.plain(Op.FLUSH_ALL), "invalid exptime argument");
            clientError(h, "verbosity x\r\n", TestCommand.plain(Op.VERBOSITY).arg("x"), "bad command line format");
            // a stats command has no data block, so its CLIENT_ERROR leaves the stream in step
            String detail = h.rawReply("stats detail\r\n", exact("CLIENT_ERROR usage: stats detail on|off|dump\r\n"));
            Feed.decodeAllWays(h.dialect, TestCommand.plain(Op.STATS).arg("detail"), detail, "END\r\n", c -> {
                assertThat(c.status).isEqualTo(Status.CLIENT_ERROR);
                assertThat(c.poisonsConnection).isFalse();
            });

            clientErrorThenError(h, "set " + K251 + " 0 0 1\r\nx\r\n", text(Op.SET), "bad command line format");
            clientErrorThenError(h, "set a b 0 0 1\r\nx\r\n", text(Op.SET), "bad command line format");
            clientErrorThenError(h, "set foo x 0 1\r\nx\r\n", text(Op.SET), "bad command line format");
            clientErrorThenError(h, "set foo -1 0 1\r\nx\r\n", text(Op.SET), "bad command line format");
            clientErrorThenError(h, "set foo 0 x 1\r\nx\r\n", text(Op.SET), "bad command line format");
            clientErrorThenError(h, "cas c1 0 0 1 abc\r\nx\r\n", text(Op.CAS), "bad command line format");
            clientErrorThenError(h, "set foo 0 0 3\r\nabcde\r\n", text(Op.SET), "bad data chunk");
            clientErrorThenError(h, "set foo 0 0 3\r\nabc\nx\r\n", text(Op.SET), "bad data chunk");
        }
    }

    @Test
    void textQuirksThatSucceed(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            h.raw(
                    "set lf 0 0 2\nok\r\n",
                    text(Op.SET),
                    exact("STORED\r\n"),
                    c -> assertThat(c.status).isEqualTo(Status.OK));
            h.raw(
                    "set fl 4294967296 0 1\r\nx\r\n",
                    text(Op.SET),
                    exact("STORED\r\n"),
                    c -> assertThat(c.status).isEqualTo(Status.OK));
            h.raw(
                    "get fl\r\n",
                    TestCommand.of(Op.GET, "fl"),
                    exact("VALUE fl 0 1\r\nx\r\nEND\r\n"),
                    c -> assertThat(c.replyFlags).isZero());
            h.raw(
                    "set a\u0001b 0 0 1\r\nx\r\n",
                    text(Op.SET),
                    exact("STORED\r\n"),
                    c -> assertThat(c.status).isEqualTo(Status.OK));
            h.raw(
                    "delete d1 0\r\n",
                    text(Op.DELETE),
                    exact("NOT_FOUND\r\n"),
                    c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
            // a VALUE for a key our Keys.check would refuse: the decoder still matches it only to that exact key
            h.rawRefused(
                    "get a\u0001b\r\n",
                    TestCommand.of(Op.GET, "ab", false),
                    exact("VALUE a\u0001b 0 1\r\nx\r\nEND\r\n"),
                    "VALUE a\\x01b");
        }
    }

    @Test
    void textConnectionClosedOnOverlongLine(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            byte[] reply = session.untilClosed(Feed.bytes("set " + "x".repeat(3000)));
            assertThat(reply).isEmpty();
        }
        try (RawSession session = new RawSession(server)) {
            assertThat(session.untilClosed(Feed.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")))
                    .asString(StandardCharsets.ISO_8859_1)
                    .doesNotContain("VALUE", "STORED");
        }
    }

    @Test
    void metaErrorReplies(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            TestCommand get = TestCommand.of(Op.GET, "k").opaque(1);
            TestCommand set = TestCommand.of(Op.SET, "k").value("x").opaque(1);
            error(h, "mg\r\n", get, "ERROR\r\n");
            error(h, "mz k O1\r\n", get, "ERROR\r\n");
            clientError(h, "ms k 1 E5 O1\r\nx\r\n", set, "invalid flag");
            clientError(h, "mg k v E5 O1\r\n", get, "invalid flag");
            clientError(h, "mg k v v O1\r\n", get, "duplicate flag");
            clientError(h, "mg " + K251 + " v O1\r\n", get, "bad command line format");
            clientError(h, "mg k v O" + "1".repeat(32) + "\r\n", get, "opaque token too long");
            clientError(h, "mg k v c f h k l s t u q O1 N1 R1 T1 P1 L1 C1 F1\r\n", get, "options flags are too long");
            clientError(h, "md k x O1\r\n", TestCommand.of(Op.DELETE, "k").opaque(1), "invalid or duplicate flag");
            clientError(h, "ma k D1x O1\r\n", TestCommand.of(Op.INCR, "k").opaque(1), "invalid or duplicate flag");
            clientError(h, "ma k MX O1\r\n", TestCommand.of(Op.INCR, "k").opaque(1), "invalid mode for ma M token");
            clientError(h, "ms k 1 Ms O1\r\nx\r\n", set, "invalid mode for ms M token");
            clientError(h, "ms k 1 MEE O1\r\nx\r\n", set, "incorrect length for M token");
            clientError(h, "ms k 1 F-1 O1\r\nx\r\n", set, "bad command line format");
            clientError(h, "mg k v T1x O1\r\n", get, "bad token in command line format");
            clientErrorThenError(h, "ms k 3 O1\r\nabcde\r\n", set, "bad data chunk");
            clientErrorThenError(h, "ms k 3 q O1\r\nabcde\r\n", set, "bad data chunk");
            clientErrorThenError(h, "ms k S3 O1\r\nabc\r\n", set, "bad command line format");
            h.raw(
                    "ms k 1048577 O1\r\n" + "x".repeat(1048577) + "\r\n",
                    set,
                    exact("SERVER_ERROR object too large for cache\r\n"),
                    c -> {
                        assertThat(c.status).isEqualTo(Status.SERVER_ERROR);
                        assertThat(c.poisonsConnection).isFalse();
                    });
        }
    }

    @Test
    void metaRepliesToRequestsWeNeverSend(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            h.rawReply("ms mgk 5 F123\r\nhello\r\n", exact("HD\r\n"));
            h.raw(
                    "mg mgk v c f h k l O99 s t\r\n",
                    TestCommand.of(Op.GETS, "mgk").opaque(99),
                    "VA 5 c[0-9]+ f123 h0 kmgk l0 O99 s5 t-1\r\nhello\r\n",
                    c -> {
                        assertThat(c.data).asString().isEqualTo("hello");
                        assertThat(c.replyFlags).isEqualTo(123);
                    });
            h.rawRefused(
                    "mg miss1 v Oabc k\r\n", TestCommand.of(Op.GET, "miss1"), exact("EN Oabc kmiss1\r\n"), "EN Oabc");
            h.raw(
                    "mg miss1 v O0 k\r\n",
                    TestCommand.of(Op.GET, "miss1"),
                    exact("EN O0 kmiss1\r\n"),
                    c -> assertThat(c.status).isEqualTo(Status.MISS));
            // no opaque: a reply we cannot pin on a request
            h.rawRefused(
                    "mg mgk v k\r\n",
                    TestCommand.of(Op.GET, "mgk").opaque(1),
                    exact("VA 5 kmgk\r\nhello\r\n"),
                    "VA 5 kmgk");
            h.rawRefused(
                    "ms x 1\r\nx\r\n", TestCommand.of(Op.SET, "x").value("x").opaque(1), exact("HD\r\n"), "HD");
            h.rawRefused("mg mgk O5\r\n", TestCommand.of(Op.GET, "mgk").opaque(5), exact("HD O5\r\n"), "HD O5");
            h.rawRefused(
                    "me mgk\r\n",
                    TestCommand.of(Op.GET, "mgk").opaque(1),
                    "ME mgk exp=-1 la=[0-9]+ cas=[0-9]+ fetch=yes cls=1 size=[0-9]+\r\n",
                    "ME mgk exp=-1");
            // the later of N and T sets the TTL
            h.raw(
                    "mg nv v N30 T60 t O1\r\n",
                    TestCommand.of(Op.GET, "nv").opaque(1),
                    exact("VA 0 t60 O1 W\r\n\r\n"),
                    c -> {
                        assertThat(c.ttlLeft).isEqualTo(60);
                        assertThat(c.win).isTrue();
                    });
            h.raw(
                    "mg nv2 v T60 N30 t O1\r\n",
                    TestCommand.of(Op.GET, "nv2").opaque(1),
                    exact("VA 0 t30 O1 W\r\n\r\n"),
                    c -> {
                        assertThat(c.ttlLeft).isEqualTo(30);
                        assertThat(c.win).isTrue();
                    });
            h.raw("mg nv2 v t O1\r\n", TestCommand.of(Op.GET, "nv2").opaque(1), "VA 0 t(30|29) O1 Z\r\n\r\n", c -> {
                assertThat(c.leaseTaken).isTrue();
            });
            h.rawReply("mg quiet v q O1\r\n", exact(""));
            h.rawReply("ms quiet 1 q O1\r\nx\r\n", exact(""));
            h.raw(
                    "ms quiet 1 q ME O7\r\ny\r\n",
                    TestCommand.of(Op.ADD, "quiet").value("y").opaque(7),
                    exact("NS O7\r\n"),
                    c -> assertThat(c.status).isEqualTo(Status.NOT_STORED));
            h.raw(
                    "ms fl 1 F4294967296 O2\r\nx\r\n",
                    TestCommand.of(Op.SET, "fl").value("x").opaque(2),
                    exact("HD O2\r\n"),
                    c -> {});
            h.raw(
                    "mg fl v f O3\r\n",
                    TestCommand.of(Op.GET, "fl").opaque(3),
                    exact("VA 1 f0 O3\r\nx\r\n"),
                    c -> assertThat(c.replyFlags).isZero());
        }
    }

    @Test
    void greeting(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            byte[] reply = session.exchange(Greeting.META_HELLO);
            assertThat(reply).asString(StandardCharsets.ISO_8859_1).isEqualTo("MN\r\n");
            assertThat(Greeting.decode(io.netty.buffer.Unpooled.wrappedBuffer(reply))
                            .kind())
                    .isEqualTo(Greeting.Kind.META);
            byte[] err = session.exchange(Feed.bytes("mq\r\n"));
            assertThat(Greeting.decode(io.netty.buffer.Unpooled.wrappedBuffer(err))
                            .kind())
                    .isEqualTo(Greeting.Kind.TEXT_ONLY);
            byte[] version = session.exchange(Greeting.TEXT_HELLO);
            assertThat(Greeting.decode(io.netty.buffer.Unpooled.wrappedBuffer(version))
                            .kind())
                    .isEqualTo(Greeting.Kind.VERSION);
        }
    }
}
