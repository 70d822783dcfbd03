package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A wire protocol: how a {@link Command} becomes bytes and how the reply's bytes fill it in. Implementations are
 * stateless and thread-safe; all per-request state lives in the command. Decoding is incremental: a reply may
 * arrive split at any byte.
 */
public interface Dialect {
    /** @return true for the meta protocol, which can carry base64 keys and checks opaque tokens */
    boolean isMeta();

    /**
     * @return whether single-key gets waiting together may go as one multi-key get whose reply names each key
     *     (text and meta); false when multi-gets are a pipeline of single gets anyway (binary)
     */
    boolean coalescesGets();

    /** @return the protocol's name for messages: "meta", "text" or "binary" */
    String name();

    /**
     * Writes the command. The caller has checked the key with {@link Keys#check} for this dialect.
     *
     * @throws IllegalArgumentException if this dialect cannot express the command (nothing is written then)
     */
    void encode(Command command, ByteBuf out);

    /**
     * Reads the reply to {@code command} from {@code in}, which starts at the reply's first unread byte.
     *
     * @return true when the reply is complete (its bytes consumed, the command's reply fields set); false when more
     *     bytes are needed (the reader index is left where decoding must resume)
     * @throws io.memcached2.ProtocolError if the bytes break the grammar or do not belong to this command
     */
    boolean decode(Command command, ByteBuf in);
}
