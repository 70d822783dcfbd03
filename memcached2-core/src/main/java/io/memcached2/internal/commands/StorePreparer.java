package io.memcached2.internal.commands;

import io.memcached2.Store;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Request;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;
import java.util.Objects;

/** Encodes a value and fills in a store request; shared by the blocking and asynchronous clients. */
public final class StorePreparer<V> {
    private final Engine engine;
    private final Transcoder<V> transcoder;

    StorePreparer(Engine engine, Transcoder<V> transcoder) {
        this.engine = engine;
        this.transcoder = transcoder;
    }

    /** @return the request, ready to send; throws on a bad key, a null value or one over the maximum item size */
    public <R extends Request> R prepare(R r, Op op, String key, V value, Store options, long cas) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        Encoded e = transcoder.encode(value);
        int flags = options.flagsOverride() != null ? options.flagsOverride() : e.flags();
        return engine.store(r, op, key, e.data(), flags, Ttl.exptime(options.ttl()), cas);
    }
}
