package io.memcached2.transcode;

/** Byte arrays as they are, flags 0; the array is neither copied on store nor on read. */
public final class BytesTranscoder implements Transcoder<byte[]> {
    /** The shared instance. */
    public static final BytesTranscoder INSTANCE = new BytesTranscoder();

    private BytesTranscoder() {
    }

    @Override
    public Encoded encode(byte[] value) {
        return new Encoded(0, value);
    }

    @Override
    public byte[] decode(int flags, byte[] data) {
        return data;
    }
}
