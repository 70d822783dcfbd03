package io.memcached2;

import io.memcached2.transcode.BytesTranscoder;
import io.memcached2.transcode.LongTranscoder;
import io.memcached2.transcode.StringTranscoder;
import io.memcached2.transcode.Transcoder;

/** The built-in transcoders. */
public final class Transcoders {
    private Transcoders() {
    }

    /** @return UTF-8 strings, flags 0 (the default) */
    public static Transcoder<String> strings() {
        return StringTranscoder.INSTANCE;
    }

    /** @return raw bytes, flags 0 */
    public static Transcoder<byte[]> bytes() {
        return BytesTranscoder.INSTANCE;
    }

    /** @return longs as decimal text, so incr and decr work on them */
    public static Transcoder<Long> longs() {
        return LongTranscoder.INSTANCE;
    }
}
