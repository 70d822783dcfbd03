package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ProtocolError;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Sends our encoder's bytes (or raw bytes) to a real memcached and decodes the exact reply. */
final class RealServerHarness {
    final RawSession session;
    final Dialect dialect;
    private int nextOpaque = 1;

    RealServerHarness(RawSession session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    static String exact(String s) {
        return Pattern.quote(s);
    }

    /**
     * Encodes the command, sends it, asserts the reply matches {@code replyRegex}, then decodes the recorded reply
     * every way (whole, byte by byte, split) and runs {@code check}.
     */
    TestCommand run(TestCommand c, String replyRegex, Consumer<TestCommand> check) {
        c.opaque = nextOpaque;
        nextOpaque += c.multi != null ? c.multi.keys.length : 1;
        String request = Feed.encode(dialect, c);
        String reply = session.exchange(request);
        assertThat(reply)
                .as("reply of the real server to '%s'", request)
                .matches(Pattern.compile(replyRegex, Pattern.DOTALL));
        return Feed.decodeAllWays(dialect, c, reply, "VERSION 1.6.18\r\n", check);
    }

    /** Sends raw bytes, asserts the reply, decodes it as the reply to {@code c}. */
    TestCommand raw(String request, TestCommand c, String replyRegex, Consumer<TestCommand> check) {
        String reply = rawReply(request, replyRegex);
        int firstLine = reply.indexOf("\r\n") + 2;
        // a reply followed by a leftover ERROR (for a data block the server parsed as a command): only the first line
        // belongs to the request; the ERROR poisons whatever comes next
        String first =
                reply.substring(0, reply.startsWith("VA ") || reply.startsWith("VALUE ") ? reply.length() : firstLine);
        return Feed.decodeAllWays(dialect, c, first, "VERSION 1.6.18\r\n", check);
    }

    /** Sends raw bytes, asserts the reply, and asserts that decoding it as the reply to {@code c} fails. */
    void rawRefused(String request, TestCommand c, String replyRegex, String quoted) {
        String reply = rawReply(request, replyRegex);
        Rejects.rejects(dialect, c, reply, "", quoted);
    }

    String rawReply(String request, String replyRegex) {
        String reply = session.exchange(request);
        assertThat(reply)
                .as("reply of the real server to '%s'", request)
                .matches(Pattern.compile(replyRegex, Pattern.DOTALL));
        return reply;
    }

    /** Decodes the leftover "ERROR\r\n" as the reply to the next command: refused. */
    void leftoverErrorPoisonsTheNextReply(String reply) {
        String rest = reply.substring(reply.indexOf("\r\n") + 2);
        assertThat(rest).isEqualTo("ERROR\r\n");
        TestCommand next = TestCommand.of(Op.GET, "next").opaque(1);
        assertThatThrownBy(() -> Feed.feed(dialect, next, List.of(Feed.bytes(rest))))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("server did not understand");
    }
}
