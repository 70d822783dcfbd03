package io.memcached2.internal.transcode;

import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;

/** Byte arrays as they are, flags 0; the array is neither copied on store nor on read. */
public final class BytesTranscoder implements Transcoder<byte[]> {
    /** The shared instance. */
    public static final BytesTranscoder INSTANCE = new BytesTranscoder();

    private BytesTranscoder() {}

    @Override
    public Encoded encode(byte[] value) {
        return new Encoded(0, value);
    }

    @Override
    public byte[] decode(int flags, byte[] data) {
        return data;
    }
}
