package io.memcached2.internal.protocol;

import java.util.Map;

/**
 * One request and, once decoded, its reply. The caller fills the request fields before submitting; the codec
 * reads them to encode and writes the reply fields while decoding, on the connection's event-loop thread.
 * A command is used for exactly one request. Subclasses decide what completion means.
 */
public abstract class Command {
    /** How the key travels: as its ASCII bytes, as its UTF-8 bytes, or base64-encoded (meta only). */
    public static final byte KEY_ASCII = 0;
    /** See {@link #KEY_ASCII}. */
    public static final byte KEY_UTF8 = 1;
    /** See {@link #KEY_ASCII}. */
    public static final byte KEY_BASE64 = 2;

    // Request fields.
    public Op op;
    public String key;
    public byte keyForm;
    public byte[] value;
    public int flags;
    /** memcached's exptime: seconds, or an absolute Unix time past 30 days; 0 = never. */
    public int exptime;
    /** CAS unique to compare against; 0 = none. */
    public long compareCas;

    public long delta;
    /** incr/decr: create the item with {@link #initial} when missing (meta only). */
    public boolean autoCreate;

    public long initial;
    /** The optional meta flags; null for none. */
    private MetaOptions options;
    /** Argument of stats / verbosity / flush_all delay. */
    public String arg;

    public String[] keys;
    public byte[] keyForms;
    /** Meta opaque of this command (of the first key, for a multi-get); set by the connection. */
    public int opaque;

    // Reply fields.
    public Status status;
    public byte[] data;
    public int replyFlags;
    public long replyCas;
    public long number;
    public int ttlLeft;
    /** Meta W: this caller won the right to recompute the value. */
    public boolean win;
    /** Meta Z: another caller already holds the right to recompute. */
    public boolean leaseTaken;
    /** Meta X: the item is stale. */
    public boolean stale;

    public String text;
    public Map<String, String> stats;
    public byte[][] values;
    public int[] valueFlags;
    public long[] valueCas;
    /** Decode progress across calls, for replies made of several parts. */
    public int cursor;
    /**
     * Set when the reply leaves the stream in an uncertain state (a CLIENT_ERROR after which the server may
     * send more lines): the connection must close after completing this command.
     */
    public boolean poisonsConnection;

    /** @return the optional meta flags, or null for none */
    public final MetaOptions options() {
        return options;
    }

    /** Sets the optional meta flags (null for none); a dialect that cannot carry one refuses the request. */
    public final void options(MetaOptions options) {
        this.options = options;
    }

    /** Makes the per-key result arrays of a multi-get, once, when its decoding starts. */
    public final void allocateMultiResults() {
        if (values == null) {
            values = new byte[keys.length][];
            valueFlags = new int[keys.length];
            valueCas = new long[keys.length];
        }
    }

    /** Clears the reply fields so a decoder can start on this command. */
    public final void resetReply() {
        status = null;
        data = null;
        replyFlags = 0;
        replyCas = 0;
        number = 0;
        ttlLeft = 0;
        win = false;
        leaseTaken = false;
        stale = false;
        text = null;
        stats = null;
        values = null;
        valueFlags = null;
        valueCas = null;
        cursor = 0;
        poisonsConnection = false;
    }

    /**
     * Takes this get's reply from one key of a multi-get that carried it (see {@code GetBatch} in the transport):
     * a hit, a miss, or the error the whole multi-get was answered with.
     */
    public final void answerFrom(Command multi, int index) {
        if (multi.status == Status.OK) {
            byte[] v = multi.values[index];
            status = v != null ? Status.HIT : Status.MISS;
            data = v;
            replyFlags = multi.valueFlags[index];
            replyCas = multi.valueCas[index];
        } else {
            status = multi.status;
            text = multi.text;
        }
    }

    /** @return a short description for error messages: the operation and key(s) */
    public String describe() {
        if (key != null) {
            return op + " '" + Keys.escape(key) + "'";
        }
        if (keys != null) {
            return op + " of " + keys.length + " keys";
        }
        return op.toString();
    }
}
