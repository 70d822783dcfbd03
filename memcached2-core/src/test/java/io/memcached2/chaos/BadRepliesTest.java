package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.ProtocolError;
import io.memcached2.Reconnectors;
import io.memcached2.ServerDisconnect;
import io.memcached2.testkit.BinaryPackets;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testsupport.ReplyCases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every reply of PROTOCOL-NOTES §1 (meta) and §2 (classic) that the client can receive, and binary replies to the
 * same requests, mangled every way the issue lists, from a FakeServer. For each: the request and the one pipelined behind it on the same connection fail with
 * a clear {@link ProtocolError} naming the server (or, where the bytes so far are a valid but unfinished reply and
 * the server then closes, {@link ServerDisconnect}); the client closes the connection itself; and a new connection
 * serves the next request within the reconnect backoff plus one second.
 */
@ExtendWith(NettyLeakDetection.class)
class BadRepliesTest {
    private static final Pattern OPAQUE = Pattern.compile(" O(\\d+)");

    /** A mangled reply: its bytes given the request's first opaque, and whether it is merely unfinished. */
    private static final class Mangled {
        final String name;
        final IntFunction<String> bytes;
        final boolean unfinished;

        Mangled(String name, IntFunction<String> bytes, boolean unfinished) {
            this.name = name;
            this.bytes = bytes;
            this.unfinished = unfinished;
        }
    }

    /**
     * Every way of mangling one valid binary reply. A body length made shorter is left out: binary packets have no
     * end marker, so the reply it cuts short is indistinguishable from a valid one (the leftover bytes fail the
     * request behind it); the decoder cannot catch it.
     */
    private static List<Mangled> mangleBinary(IntFunction<String> valid) {
        List<Mangled> out = new ArrayList<>();
        int len = valid.apply(1).length();
        for (int i = 1; i < len; i++) {
            int cut = i;
            out.add(new Mangled("truncated at byte " + i, o -> valid.apply(o).substring(0, cut), true));
        }
        out.add(new Mangled("garbage line before", o -> "garbage here\r\n" + valid.apply(o), false));
        out.add(new Mangled("binary garbage before", o -> "\u0000\u00ff\u0001\r\n" + valid.apply(o), false));
        out.add(new Mangled("a text reply instead", o -> "SERVER_ERROR out of memory\r\n", false));
        out.add(new Mangled("request magic", o -> patched(valid.apply(o), 0, 1, 0x80), false));
        out.add(new Mangled(
                "another opcode",
                o -> patched(valid.apply(o), 1, 1, valid.apply(o).charAt(1) ^ 0x40),
                false));
        out.add(new Mangled("key length over the body", o -> patched(valid.apply(o), 2, 2, 0xffff), false));
        out.add(new Mangled(
                "one more byte of extras",
                o -> patched(valid.apply(o), 4, 1, valid.apply(o).charAt(4) + 1),
                false));
        out.add(new Mangled("unknown data type", o -> patched(valid.apply(o), 5, 1, 1), false));
        out.add(new Mangled("unknown status", o -> patched(valid.apply(o), 6, 2, 0x99), false));
        out.add(new Mangled(
                "body length one too long",
                o -> patched(
                        valid.apply(o),
                        8,
                        4,
                        java.nio.ByteBuffer.wrap(valid.apply(o).getBytes(StandardCharsets.ISO_8859_1))
                                        .getInt(8)
                                + 1),
                true));
        out.add(new Mangled("huge body length", o -> patched(valid.apply(o), 8, 4, 0x7fffffff), false));
        out.add(new Mangled(
                "body length over the maximum item size", o -> patched(valid.apply(o), 8, 4, (1 << 20) + 300), false));
        out.add(new Mangled(
                "wrong opaque",
                o -> patched(
                        valid.apply(o),
                        12,
                        4,
                        java.nio.ByteBuffer.wrap(valid.apply(o).getBytes(StandardCharsets.ISO_8859_1))
                                        .getInt(12)
                                + 1000),
                false));
        return out;
    }

    /** Replaces {@code width} big-endian bytes at {@code at} with {@code value}. */
    private static String patched(String packet, int at, int width, int value) {
        char[] c = packet.toCharArray();
        for (int i = 0; i < width; i++) {
            c[at + i] = (char) ((value >>> (8 * (width - 1 - i))) & 0xff);
        }
        return new String(c);
    }

    /** Every way of mangling one valid reply. */
    private static List<Mangled> mangle(IntFunction<String> valid, boolean meta) {
        List<Mangled> out = new ArrayList<>();
        int len = valid.apply(1).length();
        for (int i = 1; i < len; i++) {
            int cut = i;
            out.add(new Mangled(
                    "truncated at byte " + i,
                    o -> {
                        String v = valid.apply(o);
                        return v.substring(0, Math.min(cut, v.length() - 1));
                    },
                    true));
        }
        String sample = valid.apply(1);
        Pattern length = meta ? Pattern.compile("^(VA )(\\d+)") : Pattern.compile("^(VALUE \\S+ \\d+ )(\\d+)");
        if (length.matcher(sample).find()) {
            out.add(new Mangled("declared length one too long", o -> lengthPlus(length, valid.apply(o), 1), true));
            out.add(new Mangled("declared length one too short", o -> lengthPlus(length, valid.apply(o), -1), false));
            out.add(new Mangled(
                    "huge declared length", o -> length.matcher(valid.apply(o)).replaceFirst("$199999999999"), false));
            out.add(new Mangled(
                    "length over the maximum item size",
                    o -> length.matcher(valid.apply(o)).replaceFirst("$11048577"),
                    false));
            out.add(new Mangled(
                    "data block without CRLF",
                    o -> {
                        String v = valid.apply(o);
                        int head = v.indexOf("\r\n") + 2;
                        int n = Integer.parseInt(firstGroup(length, v));
                        return v.substring(0, head + n) + "XY" + v.substring(head + n + 2);
                    },
                    false));
        }
        out.add(new Mangled("header ends in a bare LF", o -> valid.apply(o).replaceFirst("\r\n", "\n"), false));
        out.add(new Mangled("header CRLF missing", o -> valid.apply(o).replaceFirst("\r\n", " "), true));
        out.add(new Mangled("garbage line before", o -> "garbage here\r\n" + valid.apply(o), false));
        out.add(new Mangled("binary garbage before", o -> "\u0000\u00ff\u0001\r\n" + valid.apply(o), false));
        out.add(new Mangled(
                "garbage inside the header",
                o -> valid.apply(o).substring(0, 2) + "#!" + valid.apply(o).substring(2),
                false));
        out.add(new Mangled("lower-cased", o -> valid.apply(o).toLowerCase(java.util.Locale.ROOT), false));
        if (meta && sample.contains(" O1")) {
            out.add(new Mangled("wrong opaque", o -> valid.apply(o).replace(" O" + o, " O" + (o + 1000)), false));
            out.add(new Mangled("opaque missing", o -> valid.apply(o).replaceFirst(" O" + o, ""), false));
            out.add(new Mangled("non-numeric opaque", o -> valid.apply(o).replaceFirst(" O" + o, " Oabc"), false));
        }
        if (!meta && sample.startsWith("VALUE k1")) {
            out.add(new Mangled("VALUE for another key", o -> valid.apply(o).replaceFirst("k1", "zz"), false));
        }
        return out;
    }

    private static String firstGroup(Pattern p, String s) {
        Matcher m = p.matcher(s);
        m.find();
        return m.group(2);
    }

    private static String lengthPlus(Pattern p, String s, int d) {
        Matcher m = p.matcher(s);
        m.find();
        return s.substring(0, m.start(2)) + (Integer.parseInt(m.group(2)) + d) + s.substring(m.end(2));
    }

    @Test
    void mangledMetaReplies() throws Exception {
        Tally t = run("bad replies, meta protocol (FakeServer)", Protocol.META, ReplyCases.meta());
        assertThat(t.violations).isEmpty();
    }

    @Test
    void mangledClassicReplies() throws Exception {
        Tally t = run("bad replies, classic protocol (FakeServer)", Protocol.TEXT, ReplyCases.text());
        assertThat(t.violations).isEmpty();
    }

    @Test
    void repliesToNothing() throws Exception {
        Tally t = new Tally("reply to no request (FakeServer)");
        long worstRecovery = 0;
        for (Protocol p : List.of(Protocol.META, Protocol.TEXT)) {
            try (FakeServer fake = answering(FakeServer.start());
                    Memcache<String> mc = client(fake, p)) {
                for (String stray : List.of(
                        "HD O5\r\n",
                        "VA 1 O1\r\nx\r\n",
                        "EN\r\n",
                        "STORED\r\n",
                        "END\r\n",
                        "VALUE a 0 1\r\na\r\nEND\r\n",
                        "SERVER_ERROR oops\r\n",
                        "garbage\r\n",
                        "MN\r\n")) {
                    assertThat(mc.async().get("warm").get(2, TimeUnit.SECONDS)).isEqualTo("ok");
                    int conns = fake.connectionCount();
                    fake.reply(stray.getBytes(StandardCharsets.ISO_8859_1));
                    long took = Chaos.await(Duration.ofSeconds(3), () -> fake.connectionCount() > conns);
                    if (took < 0) {
                        t.violation(p + ": '" + stray.trim() + "' sent to nothing did not make the client replace"
                                + " the connection");
                        continue;
                    }
                    long rec = recover(mc, t, p + " stray '" + stray.trim() + "'");
                    worstRecovery = Math.max(worstRecovery, rec);
                    t.ok();
                }
            }
        }
        t.recoveryNanos = worstRecovery;
        t.losses = t.ok.sum();
        t.notes = t.ok.sum() + " stray replies";
        t.leaks = "see the reconnect-cycles row";
        ReliabilityReport.record(t);
        assertThat(t.violations).isEmpty();
    }

    @Test
    void mangledBinaryReplies() throws Exception {
        Tally t = run("bad replies, binary protocol (FakeServer)", Protocol.BINARY, ReplyCases.binary());
        assertThat(t.violations).isEmpty();
    }

    private static Memcache<String> client(FakeServer fake, Protocol p) {
        return Chaos.client(fake.uri())
                .protocol(p)
                .reconnector(Reconnectors.exponential(Duration.ofMillis(1), Duration.ofMillis(20)))
                .build();
    }

    /** Answers "warm"/"ok" gets, for the checks between cases; everything else is answered by hand. */
    private static FakeServer answering(FakeServer fake) {
        fake.onCommand(l -> l.startsWith("mg ") && l.contains(" O") && isProbe(l), l -> {
            Matcher m = OPAQUE.matcher(l);
            m.find();
            return ("VA 2 f0 O" + m.group(1) + "\r\nok\r\n").getBytes(StandardCharsets.US_ASCII);
        });
        fake.onCommand(
                l -> l.startsWith("get ") && isProbe(l),
                l -> ("VALUE " + l.substring(4) + " 0 2\r\nok\r\nEND\r\n").getBytes(StandardCharsets.US_ASCII));
        fake.onCommand(l -> l.startsWith("bin 0c ") && isProbe(l.substring(4)), l -> {
            Matcher m = OPAQUE.matcher(l);
            m.find();
            return BinaryPackets.hit(
                    0x0c,
                    Integer.parseInt(m.group(1)),
                    1,
                    0,
                    l.split(" ")[2],
                    "ok".getBytes(StandardCharsets.US_ASCII));
        });
        return fake;
    }

    private static boolean isProbe(String line) {
        String key = line.split(" ")[1];
        return key.equals("warm") || key.equals("ok");
    }

    /** Polls gets of "ok" until one succeeds; every failure before must be the documented fast failure. */
    private static long recover(Memcache<String> mc, Tally t, String what) {
        long start = System.nanoTime();
        long took = Chaos.await(Duration.ofSeconds(5), () -> {
            try {
                return "ok".equals(mc.async().get("ok").get(2, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                // The healing suite requires the next get to succeed at once; here a failure is counted as an error a
                // caller saw, and only a documented type is allowed.
                t.error(e.getCause());
                if (!(e.getCause() instanceof ServerDisconnect) && !(e.getCause() instanceof ProtocolError)) {
                    t.violation(what + ": while reconnecting, " + e.getCause());
                }
                return false;
            } catch (InterruptedException | TimeoutException e) {
                t.violation(what + ": a get hung while reconnecting");
                return false;
            }
        });
        if (took < 0 || took > Duration.ofMillis(20).plusSeconds(1).toNanos()) {
            t.violation(what + ": the next request did not succeed within the backoff + 1 s ("
                    + Chaos.ms(took < 0 ? System.nanoTime() - start : took) + ")");
        }
        return took;
    }

    private Tally run(String name, Protocol p, List<ReplyCases.Request> requests) throws Exception {
        Tally t = new Tally(name);
        long worstRecovery = 0;
        int cases = 0;
        try (FakeServer fake = answering(FakeServer.start());
                Memcache<String> mc = client(fake, p)) {
            AsyncMemcache<String> a = mc.async();
            for (ReplyCases.Request r : requests) {
                for (IntFunction<String> valid : r.replies) {
                    for (Mangled m : p == Protocol.BINARY ? mangleBinary(valid) : mangle(valid, p == Protocol.META)) {
                        if (m.bytes.apply(7).equals(valid.apply(7))) {
                            continue;
                        }
                        String what = p + " " + r.name + " <- " + m.name + " of '"
                                + valid.apply(1).trim().replace("\r\n", "\\r\\n") + "'";
                        cases++;
                        assertThat(a.get("warm").get(2, TimeUnit.SECONDS))
                                .as("before " + what)
                                .isEqualTo("ok");
                        int seen = fake.received().size();
                        int conns = fake.connectionCount();
                        long start = System.nanoTime();
                        CompletableFuture<?> target = r.call.apply(a);
                        CompletableFuture<?> behind = a.get("k2");
                        List<String> lines = fake.awaitReceived(seen + r.lines + 1, Duration.ofSeconds(2));
                        Matcher om = OPAQUE.matcher(lines.get(seen));
                        int opaque = om.find() ? Integer.parseInt(om.group(1)) : 0;
                        fake.reply(m.bytes.apply(opaque).getBytes(StandardCharsets.ISO_8859_1));
                        if (m.unfinished) {
                            fake.closeConnections();
                        }
                        check(t, what, target, m.unfinished, start);
                        check(t, what + " (request behind it)", behind, m.unfinished, start);
                        if (!m.unfinished
                                && Chaos.await(
                                                Duration.ofSeconds(2),
                                                () -> fake.openConnections() == 0 || fake.connectionCount() > conns)
                                        < 0) {
                            t.violation(what + ": the client kept the connection open");
                        }
                        worstRecovery = Math.max(worstRecovery, recover(mc, t, what));
                    }
                }
            }
        }
        t.recoveryNanos = worstRecovery;
        t.losses = cases;
        t.notes = cases + " cases";
        t.leaks = "see the reconnect-cycles row";
        ReliabilityReport.record(t);
        assertThat(cases).isGreaterThan(50);
        return t;
    }

    private static void check(Tally t, String what, CompletableFuture<?> f, boolean unfinished, long start) {
        Throwable error;
        try {
            Object v = f.get(Chaos.OP_TIMEOUT.plus(Chaos.MARGIN).toMillis() + 2000, TimeUnit.MILLISECONDS);
            t.latency(System.nanoTime() - start);
            t.wrongValue(what + ": succeeded with " + v);
            return;
        } catch (ExecutionException | CompletionException e) {
            error = e.getCause();
        } catch (TimeoutException e) {
            t.violation(what + ": never completed");
            return;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        t.latency(System.nanoTime() - start);
        t.error(error);
        boolean clear = error instanceof ProtocolError
                || unfinished
                        && error instanceof ServerDisconnect
                        && !(error instanceof io.memcached2.OperationTimeout);
        if (!clear) {
            t.violation(what + ": failed with " + error + " instead of a ProtocolError");
        } else if (error.getMessage() == null || !error.getMessage().contains("server 127.0.0.1:")) {
            t.violation(what + ": the message does not name the server: " + error.getMessage());
        }
    }
}
