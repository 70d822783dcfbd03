package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ProtocolError;
import java.util.List;

/** Asserts that a reply is refused with a ProtocolError quoting it, however it is split. */
final class Rejects {
    private Rejects() {}

    /**
     * Feeds the reply whole and split at every offset; each time decode must throw a ProtocolError whose message
     * contains {@code quoted} (the received bytes as Wire.quote escapes them) and {@code what}.
     */
    static void rejects(Dialect d, TestCommand request, String reply, String what, String quoted) {
        byte[] r = Feed.bytes(reply);
        for (int cut = 0; cut < r.length; cut++) {
            List<byte[]> chunks = cut == 0 ? List.of(r) : Feed.split(r, cut);
            TestCommand c = request.copyRequest();
            c.resetReply();
            assertThatThrownBy(() -> Feed.feed(d, c, chunks))
                    .as("reply %s split at %d", Wire.quote(io.netty.buffer.Unpooled.wrappedBuffer(r), 0, r.length), cut)
                    .isInstanceOf(ProtocolError.class)
                    .hasMessageContaining(what)
                    .hasMessageContaining("received '" + quoted);
        }
    }
}
