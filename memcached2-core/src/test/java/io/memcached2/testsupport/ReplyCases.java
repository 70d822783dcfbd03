package io.memcached2.testsupport;

import io.memcached2.AsyncMemcache;
import io.memcached2.testkit.BinaryPackets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The requests the bad-reply suites send (chaos's BadRepliesTest and healing's BadReplyThenNextGetTest), with the
 * valid replies each can get in each protocol, success first; the suites mangle these replies their own ways.
 */
public final class ReplyCases {
    private ReplyCases() {}

    /** A request the client sends, with how many command lines it takes and its valid replies. */
    public static final class Request {
        public final String name;
        public final Function<AsyncMemcache<String>, CompletableFuture<?>> call;
        public final int lines;
        public final List<IntFunction<String>> replies;

        Request(
                String name,
                Function<AsyncMemcache<String>, CompletableFuture<?>> call,
                int lines,
                List<IntFunction<String>> replies) {
            this.name = name;
            this.call = call;
            this.lines = lines;
            this.replies = replies;
        }
    }

    /** @return the meta protocol's requests */
    public static List<Request> meta() {
        return List.of(
                new Request(
                        "get",
                        a -> a.get("k1"),
                        1,
                        List.of(
                                o -> "VA 5 f0 O" + o + "\r\nhello\r\n",
                                o -> "EN O" + o + "\r\n",
                                o -> "SERVER_ERROR out of memory\r\n")),
                new Request("gets", a -> a.gets("k1"), 1, List.of(o -> "VA 5 f0 c42 O" + o + "\r\nhello\r\n")),
                new Request(
                        "set",
                        a -> a.set("k1", "hello"),
                        1,
                        List.of(
                                o -> "HD O" + o + "\r\n",
                                o -> "NS O" + o + "\r\n",
                                o -> "SERVER_ERROR out of memory storing object\r\n")),
                new Request(
                        "delete", a -> a.delete("k1"), 1, List.of(o -> "HD O" + o + "\r\n", o -> "NF O" + o + "\r\n")),
                new Request(
                        "incr",
                        a -> a.incr("n1", 1),
                        1,
                        List.of(
                                o -> "VA 2 O" + o + "\r\n10\r\n",
                                o -> "NF O" + o + "\r\n",
                                o -> "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n")),
                new Request("touch", a -> a.touch("k1", Duration.ofSeconds(5)), 1, List.of(o -> "HD O" + o + "\r\n")),
                // keys with a space travel base64, which keeps this multi-get a quiet mg pipeline (text-safe keys
                // go in classic form, covered by the text cases)
                new Request(
                        "multi-get",
                        a -> a.getMulti(List.of("a 1", "b 1")),
                        3,
                        List.of(
                                o -> "VA 1 f0 O" + o + "\r\na\r\nVA 1 f0 O" + (o + 1) + "\r\nb\r\nMN\r\n",
                                o -> "MN\r\n")));
    }

    /** @return the text protocol's requests */
    public static List<Request> text() {
        return List.of(
                new Request(
                        "get",
                        a -> a.get("k1"),
                        1,
                        List.of(
                                o -> "VALUE k1 0 5\r\nhello\r\nEND\r\n",
                                o -> "END\r\n",
                                o -> "SERVER_ERROR out of memory\r\n")),
                new Request(
                        "set",
                        a -> a.set("k1", "hello"),
                        1,
                        List.of(
                                o -> "STORED\r\n",
                                o -> "NOT_STORED\r\n",
                                o -> "SERVER_ERROR out of memory storing object\r\n")),
                new Request("delete", a -> a.delete("k1"), 1, List.of(o -> "DELETED\r\n", o -> "NOT_FOUND\r\n")),
                new Request("incr", a -> a.incr("n1", 1), 1, List.of(o -> "10\r\n", o -> "NOT_FOUND\r\n")),
                new Request("touch", a -> a.touch("k1", Duration.ofSeconds(5)), 1, List.of(o -> "TOUCHED\r\n")),
                new Request(
                        "multi-get",
                        a -> a.getMulti(List.of("a1", "b1")),
                        1,
                        List.of(o -> "VALUE a1 0 1\r\na\r\nVALUE b1 0 1\r\nb\r\nEND\r\n")));
    }

    private static String bin(byte[] packet) {
        return new String(packet, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] NONE = new byte[0];

    /** @return the binary protocol's requests */
    public static List<Request> binary() {
        byte[] ten = java.nio.ByteBuffer.allocate(8).putLong(10).array();
        return List.of(
                new Request(
                        "get",
                        a -> a.get("k1"),
                        1,
                        List.of(
                                o -> bin(BinaryPackets.hit(0x0c, o, 0, 0, "k1", ascii("hello"))),
                                o -> bin(BinaryPackets.response(0x0c, 1, o, 0, NONE, ascii("k1"), NONE)),
                                o -> bin(
                                        BinaryPackets.response(0x0c, 0x82, o, 0, NONE, NONE, ascii("Out of memory"))))),
                new Request(
                        "gets",
                        a -> a.gets("k1"),
                        1,
                        List.of(o -> bin(BinaryPackets.hit(0x0c, o, 42, 0, "k1", ascii("hello"))))),
                new Request(
                        "set",
                        a -> a.set("k1", "hello"),
                        1,
                        List.of(
                                o -> bin(BinaryPackets.ok(0x01, o)),
                                o -> bin(BinaryPackets.response(0x01, 5, o, 0, NONE, NONE, ascii("Not stored."))))),
                new Request(
                        "delete",
                        a -> a.delete("k1"),
                        1,
                        List.of(
                                o -> bin(BinaryPackets.ok(0x04, o)),
                                o -> bin(BinaryPackets.response(0x04, 1, o, 0, NONE, NONE, ascii("Not found"))))),
                new Request(
                        "incr",
                        a -> a.incr("n1", 1),
                        1,
                        List.of(
                                o -> bin(BinaryPackets.response(0x05, 0, o, 3, NONE, NONE, ten)),
                                o -> bin(BinaryPackets.response(0x05, 6, o, 0, NONE, NONE, ascii("Non-numeric"))))),
                new Request(
                        "touch",
                        a -> a.touch("k1", Duration.ofSeconds(5)),
                        1,
                        List.of(o -> bin(BinaryPackets.response(0x1c, 0, o, 1, new byte[4], NONE, NONE)))),
                new Request(
                        "multi-get",
                        a -> a.getMulti(List.of("a1", "b1")),
                        3,
                        List.of(
                                o -> bin(BinaryPackets.hit(0x0d, o, 1, 0, "a1", ascii("a")))
                                        + bin(BinaryPackets.hit(0x0d, o + 1, 2, 0, "b1", ascii("b")))
                                        + bin(BinaryPackets.ok(0x0a, o + 2)),
                                o -> bin(BinaryPackets.ok(0x0a, o + 2)))));
    }
}
