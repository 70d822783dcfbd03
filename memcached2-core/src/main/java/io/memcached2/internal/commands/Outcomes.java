package io.memcached2.internal.commands;

import io.memcached2.CASFailure;
import io.memcached2.Item;
import io.memcached2.MemcachedException;
import io.memcached2.NoValue;
import io.memcached2.NonNumeric;
import io.memcached2.NotFound;
import io.memcached2.NotStored;
import io.memcached2.ProtocolError;
import io.memcached2.ServerError;
import io.memcached2.StoreResult;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import io.memcached2.transcode.Transcoder;

/**
 * Turns completed requests into results or the seed's exceptions, one mapper per kind of command. Shared by the
 * blocking and the asynchronous client, so both report every outcome the same way.
 *
 * @param <V> the value type
 */
public final class Outcomes<V> {
    private final Transcoder<V> transcoder;

    final ReplyMapper<V> valueOrNull = r -> hit(r) ? decode(r) : null;
    final ReplyMapper<V> valueOrMiss = r -> {
        if (hit(r)) {
            return decode(r);
        }
        throw NoValue.INSTANCE;
    };
    final ReplyMapper<Item<V>> itemOrNull = r -> hit(r) ? item(r) : null;
    final ReplyMapper<Item<V>> itemOrMiss = r -> {
        if (hit(r)) {
            return item(r);
        }
        throw NoValue.INSTANCE;
    };
    /** Stores: success, or the exception the seed defines for each refusal. */
    public static final ReplyMapper<Void> STORED = r -> {
        switch (status(r)) {
            case OK:
                return null;
            case NOT_STORED:
                throw new NotStored(
                        "server " + r.server + " did not store " + r.describe() + " (the command's condition failed)");
            case EXISTS:
                throw new CASFailure("server " + r.server + ": " + r.describe() + " failed, the item changed since its"
                        + " CAS unique was read");
            case NOT_FOUND:
                throw new NotFound("server " + r.server + ": " + r.describe() + " found no item");
            default:
                throw unexpected(r);
        }
    };

    public static final ReplyMapper<StoreResult> STORE_RESULT = r -> {
        switch (status(r)) {
            case OK:
                return StoreResult.STORED;
            case NOT_STORED:
                return StoreResult.NOT_STORED;
            case EXISTS:
                return StoreResult.EXISTS;
            case NOT_FOUND:
                return StoreResult.NOT_FOUND;
            default:
                throw unexpected(r);
        }
    };
    public static final ReplyMapper<Boolean> DELETED = r -> {
        switch (status(r)) {
            case OK:
                return Boolean.TRUE;
            case NOT_FOUND:
                return Boolean.FALSE;
            case EXISTS:
                throw new CASFailure("server " + r.server + ": " + r.describe() + " failed, the item changed since its"
                        + " CAS unique was read");
            default:
                throw unexpected(r);
        }
    };
    public static final ReplyMapper<Void> TOUCHED = r -> {
        switch (status(r)) {
            case OK:
                return null;
            case NOT_FOUND:
            case MISS:
                throw new NotFound("server " + r.server + ": " + r.describe() + " found no item");
            default:
                throw unexpected(r);
        }
    };
    public static final ReplyMapper<Long> NUMBER = r -> {
        switch (status(r)) {
            case HIT:
                return r.number();
            case NOT_FOUND:
            case NOT_STORED:
                throw new NotFound("server " + r.server + ": " + r.describe() + " found no item");
            case NON_NUMERIC:
                throw new NonNumeric(
                        "server " + r.server + ": " + r.describe() + " failed, the value is not a" + " decimal number");
            default:
                throw unexpected(r);
        }
    };
    public static final ReplyMapper<Void> OK = r -> {
        if (status(r) != Status.OK) {
            throw unexpected(r);
        }
        return null;
    };

    Outcomes(Transcoder<V> transcoder) {
        this.transcoder = transcoder;
    }

    /** @return the request's status, after rethrowing its failure if it failed */
    public static Status status(Request r) {
        if (r.failure() != null) {
            throw CallerFailures.of(r);
        }
        return r.status();
    }

    private static boolean hit(Request r) {
        Status s = status(r);
        if (s == Status.HIT) {
            return true;
        }
        if (s == Status.MISS) {
            return false;
        }
        throw unexpected(r);
    }

    public static MemcachedException unexpected(Request r) {
        if (r.status() == Status.SERVER_ERROR || r.status() == Status.CLIENT_ERROR) {
            return new ServerError("server " + r.server + " answered '" + r.text() + "' to " + r.describe());
        }
        return new ProtocolError("server " + r.server + " answered " + r.status() + " to " + r.describe());
    }

    V decode(Request r) {
        return transcoder.decode(r.flags(), r.data());
    }

    public V decode(int flags, byte[] data) {
        return transcoder.decode(flags, data);
    }

    private Item<V> item(Request r) {
        return new Item<>(r.key(), decode(r), r.flags(), r.cas());
    }
}
