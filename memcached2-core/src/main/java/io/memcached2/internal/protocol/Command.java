package io.memcached2.internal.protocol;

import java.util.Map;

/**
 * One request and, once decoded, its reply. The state belongs to the codecs: the dialects of this package read and
 * write the fields directly; everyone else fills the request once, with the one fill of its kind (which sets all
 * of that kind's state together), and reads the reply through the accessors once the request has completed. The
 * reply is written while decoding, on the connection's event-loop thread. A command is used for exactly one
 * request. Subclasses decide what completion means.
 */
public abstract class Command {
    /** How the key travels: as its ASCII bytes, as its UTF-8 bytes, or base64-encoded (meta only). */
    static final byte KEY_ASCII = 0;
    /** See {@link #KEY_ASCII}. */
    static final byte KEY_UTF8 = 1;
    /** See {@link #KEY_ASCII}. */
    static final byte KEY_BASE64 = 2;

    // Request state, set by the fills.
    Op op;
    String key;
    byte keyForm;
    /** The data block of a store; null once it is in the write buffer. */
    byte[] value;

    int flags;
    /** memcached's exptime: seconds, or an absolute Unix time past 30 days; 0 = never. */
    int exptime;
    /** CAS unique to compare against; 0 = none. */
    long compareCas;

    long delta;
    /** incr/decr: create the item with {@link #initial} when missing (meta and binary only). */
    boolean autoCreate;

    long initial;
    /** The optional meta flags; null for none. */
    MetaOptions options;
    /** Argument of stats / verbosity. */
    String arg;

    /** The keys and per-key results of a multi-key request; null for the others. */
    MultiKeys multi;
    /** Meta and binary opaque of this command (of the first key, for a multi-get); set by the connection. */
    int opaque;

    // Reply state, set by the dialects.
    Status status;
    byte[] data;
    int replyFlags;
    long replyCas;
    long number;
    int ttlLeft;
    /** Meta W: this caller won the right to recompute the value. */
    boolean win;
    /** Meta Z: another caller already holds the right to recompute. */
    boolean leaseTaken;
    /** Meta X: the item is stale. */
    boolean stale;

    String text;
    Map<String, String> stats;
    /** Decode progress across calls, for replies made of several parts. */
    int cursor;
    /**
     * Set when the reply leaves the stream in an uncertain state (a CLIENT_ERROR after which the server may
     * send more lines): the connection must close after completing this command.
     */
    boolean poisonsConnection;

    // Fills: each sets every request field of its kind.

    /**
     * Fills a read: get, or gets (with the CAS unique).
     *
     * @param op {@link Op#GET} or {@link Op#GETS}
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param options the meta flags of a lease or early-refresh read, or null for none
     */
    public final void get(Op op, String key, byte keyForm, MetaOptions options) {
        require(op == Op.GET || op == Op.GETS, op, "get");
        keyed(op, key, keyForm);
        this.options = options;
    }

    /**
     * Fills a read that also sets the item's TTL: gat, or gats (with the CAS unique).
     *
     * @param op {@link Op#GAT} or {@link Op#GATS}
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param exptime the new exptime
     */
    public final void getAndTouch(Op op, String key, byte keyForm, int exptime) {
        require(op == Op.GAT || op == Op.GATS, op, "getAndTouch");
        keyed(op, key, keyForm);
        this.exptime = exptime;
    }

    /**
     * Fills a touch: sets the item's TTL.
     *
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param exptime the new exptime
     */
    public final void touch(String key, byte keyForm, int exptime) {
        keyed(Op.TOUCH, key, keyForm);
        this.exptime = exptime;
    }

    /**
     * Fills a delete.
     *
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param compareCas delete only the item with this CAS unique; 0 for any
     */
    public final void delete(String key, byte keyForm, long compareCas) {
        keyed(Op.DELETE, key, keyForm);
        this.compareCas = compareCas;
    }

    /**
     * Fills a meta invalidation ({@code md ... I}): the item is marked stale and kept for this exptime, so that one
     * reader recomputes it. The other dialects refuse it.
     *
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param exptime how long the stale item is kept
     */
    public final void invalidate(String key, byte keyForm, int exptime) {
        keyed(Op.DELETE, key, keyForm);
        this.exptime = exptime;
        this.options = MetaOptions.INVALIDATE;
    }

    /**
     * Fills a store: set, add, replace, append, prepend or cas.
     *
     * @param op a store ({@link Op#isStore()})
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param data the value's bytes, within the maximum item size
     * @param flags the item's client flags
     * @param exptime the item's exptime
     * @param compareCas store only over the item with this CAS unique; 0 for any
     */
    public final void store(Op op, String key, byte keyForm, byte[] data, int flags, int exptime, long compareCas) {
        require(op.isStore(), op, "store");
        keyed(op, key, keyForm);
        this.value = data;
        this.flags = flags;
        this.exptime = exptime;
        this.compareCas = compareCas;
    }

    /**
     * Fills an incr or decr.
     *
     * @param op {@link Op#INCR} or {@link Op#DECR}
     * @param keyForm how the checked key travels ({@link Keys#check})
     * @param delta the unsigned amount
     * @param autoCreate create a missing counter at {@code initial} (meta and binary; the text dialect refuses it)
     * @param initial the created counter's value; ignored unless {@code autoCreate}
     * @param exptime the created counter's exptime; ignored unless {@code autoCreate}
     */
    public final void arithmetic(
            Op op, String key, byte keyForm, long delta, boolean autoCreate, long initial, int exptime) {
        require(op == Op.INCR || op == Op.DECR, op, "arithmetic");
        keyed(op, key, keyForm);
        this.delta = delta;
        this.autoCreate = autoCreate;
        this.initial = autoCreate ? initial : 0;
        this.exptime = autoCreate ? exptime : 0;
    }

    /**
     * Fills a multi-get of keys that live on one server.
     *
     * @param op {@link Op#GET_MULTI} or {@link Op#GETS_MULTI}
     * @param keys the keys, at least one; kept, not copied
     * @param keyForms how each checked key travels ({@link Keys#check}); kept, not copied
     */
    public final void multiGet(Op op, String[] keys, byte[] keyForms) {
        require(op == Op.GET_MULTI || op == Op.GETS_MULTI, op, "multiGet");
        if (keys.length == 0 || keys.length != keyForms.length) {
            throw new IllegalArgumentException("multiGet needs at least one key and a form per key: " + keys.length
                    + " keys, " + keyForms.length + " forms");
        }
        this.op = op;
        this.multi = new MultiKeys(keys, keyForms);
    }

    /**
     * Fills a multi-get of the keys of single-key gets that wait together (see {@code GetBatch} in the transport),
     * in their order; each member then takes its reply with {@link #answerFrom}.
     *
     * @param members gets for which {@link #joinsBatch()} holds, at least one
     */
    public final void multiGetOf(Command[] members) {
        String[] batchKeys = new String[members.length];
        byte[] forms = new byte[members.length];
        for (int i = 0; i < members.length; i++) {
            require(members[i].joinsBatch(), members[i].op, "multiGetOf");
            batchKeys[i] = members[i].key;
            forms[i] = members[i].keyForm;
        }
        multiGet(Op.GET_MULTI, batchKeys, forms);
    }

    /**
     * @return whether this request may go in one multi-key get with others: a plain get, with no meta options, of a
     *     key the classic protocol can carry (not base64)
     */
    public final boolean joinsBatch() {
        return op == Op.GET && options == null && keyForm != KEY_BASE64;
    }

    /**
     * Fills a command without a key: flush_all, stats, version, verbosity or noop.
     *
     * @param arg the argument of stats (a checked sub-command) or verbosity; null for none
     * @param exptime the delay of flush_all in seconds; 0 for none
     */
    public final void admin(Op op, String arg, int exptime) {
        require(!op.hasKey() && op != Op.GET_MULTI && op != Op.GETS_MULTI, op, "admin");
        this.op = op;
        this.arg = arg;
        this.exptime = exptime;
    }

    private void keyed(Op op, String key, byte keyForm) {
        this.op = op;
        this.key = key;
        this.keyForm = keyForm;
    }

    private static void require(boolean ok, Op op, String fill) {
        if (!ok) {
            throw new IllegalArgumentException(fill + " cannot fill a " + op + " request");
        }
    }

    // What the transport and the routing need of a request.

    /** @return the command, or null before the request is filled */
    public final Op op() {
        return op;
    }

    /** @return the key of a single-key command, else null */
    public final String key() {
        return key;
    }

    /** @return the keys of a multi-get (not a copy: do not change it), else null */
    public final String[] keys() {
        return multi != null ? multi.keys : null;
    }

    /** @return how many keys the request names: those of a multi-get, one, or none */
    public final int keyCount() {
        return multi != null ? multi.keys.length : key != null ? 1 : 0;
    }

    /** @return the optional meta flags the request carries, or null for none */
    public final MetaOptions options() {
        return options;
    }

    /** @return the data block of a store (not a copy), or null for other commands and once written */
    public final byte[] payload() {
        return value;
    }

    /**
     * @return bytes a store's encoding can take at most (its data block, key and header), 0 for a command without a
     *     data block: a write buffer this large takes the store without growing
     */
    public final int storeBytesBound() {
        return value == null ? 0 : value.length + key.length() * 4 + 128;
    }

    /** Drops the data block once it is in the write buffer: the request need not keep it until its reply. */
    public final void releasePayload() {
        value = null;
    }

    /**
     * @return how many consecutive opaques the request takes on its connection: one per key of a multi-get and one
     *     for the binary NOOP that ends it, else one
     */
    public final int opaques() {
        return multi != null ? multi.keys.length + 1 : 1;
    }

    /** Numbers the request on its connection: it takes {@link #opaques()} opaques from {@code first} on. */
    public final void assignOpaque(int first) {
        opaque = first;
    }

    /**
     * @return whether the reply left the stream in an uncertain state (a CLIENT_ERROR after which the server may
     *     send more lines), so that the connection must close after completing this request
     */
    public final boolean poisonsConnection() {
        return poisonsConnection;
    }

    // The reply, once the request has completed without a failure.

    /** @return what the server answered */
    public final Status status() {
        return status;
    }

    /** @return the value's bytes of a hit (not a copy), else null */
    public final byte[] data() {
        return data;
    }

    /** @return the client flags of a hit */
    public final int flags() {
        return replyFlags;
    }

    /** @return the CAS unique of a hit of gets or gats, or of a store whose dialect returns it; else 0 */
    public final long cas() {
        return replyCas;
    }

    /** @return the counter after incr or decr */
    public final long number() {
        return number;
    }

    /** @return the TTL left in seconds (-1 for none) when the read asked for it (meta t), else 0 */
    public final int ttlLeft() {
        return ttlLeft;
    }

    /** @return whether this reader won the right to recompute the value (meta W) */
    public final boolean win() {
        return win;
    }

    /** @return whether another reader already holds the right to recompute the value (meta Z) */
    public final boolean leaseTaken() {
        return leaseTaken;
    }

    /** @return whether the item is stale (meta X) */
    public final boolean stale() {
        return stale;
    }

    /** @return the text of a version reply, or the server's message of an error reply; else null */
    public final String text() {
        return text;
    }

    /** @return the statistics of a stats reply, in the server's order; else null */
    public final Map<String, String> stats() {
        return stats;
    }

    /**
     * @param i the index of a key in {@link #keys()}
     * @return that key's value bytes in a multi-get's reply (not a copy), or null for a miss
     */
    public final byte[] valueAt(int i) {
        return multi.values[i];
    }

    /**
     * @param i the index of a key in {@link #keys()}
     * @return that key's client flags in a multi-get's reply
     */
    public final int flagsAt(int i) {
        return multi.flags[i];
    }

    /**
     * @param i the index of a key in {@link #keys()}
     * @return that key's CAS unique in a multi-get's reply (gets only; else 0)
     */
    public final long casAt(int i) {
        return multi.cas[i];
    }

    /** Makes the per-key result arrays of a multi-get, once, when its decoding starts. */
    final void allocateMultiResults() {
        if (multi.values == null) {
            multi.values = new byte[multi.keys.length][];
            multi.flags = new int[multi.keys.length];
            multi.cas = new long[multi.keys.length];
        }
    }

    /** Clears the reply so that a decoder can start on this command again (codec tests and benchmarks reuse one). */
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
        if (multi != null) {
            multi.values = null;
            multi.flags = null;
            multi.cas = null;
        }
        cursor = 0;
        poisonsConnection = false;
    }

    /**
     * Takes this get's reply from one key of a multi-get that carried it (see {@code GetBatch} in the transport):
     * a hit, a miss, or the error the whole multi-get was answered with.
     */
    public final void answerFrom(Command batch, int index) {
        if (batch.status == Status.OK) {
            byte[] v = batch.multi.values[index];
            status = v != null ? Status.HIT : Status.MISS;
            data = v;
            replyFlags = batch.multi.flags[index];
            replyCas = batch.multi.cas[index];
        } else {
            status = batch.status;
            text = batch.text;
        }
    }

    /** @return a short description for error messages: the operation and key(s) */
    public String describe() {
        if (key != null) {
            return op + " '" + Keys.escape(key) + "'";
        }
        if (multi != null) {
            return op + " of " + multi.keys.length + " keys";
        }
        return op.toString();
    }
}
