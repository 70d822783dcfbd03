package io.memcached2.bench;

import net.rubyeye.xmemcached.transcoders.CachedData;
import net.rubyeye.xmemcached.transcoders.CompressionMode;
import net.rubyeye.xmemcached.transcoders.Transcoder;

/**
 * Raw bytes for xmemcached, flags 0. Its default transcoder compresses anything over 16 KiB and marks byte arrays
 * with a flag the other clients do not set, so values would not read back the same through every client.
 */
final class XmemcachedBytesTranscoder implements Transcoder<byte[]> {
    static final XmemcachedBytesTranscoder INSTANCE = new XmemcachedBytesTranscoder();

    private XmemcachedBytesTranscoder() {}

    @Override
    public CachedData encode(byte[] value) {
        return new CachedData(0, value);
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.getData();
    }

    /** Ignored: raw bytes have no primitives. */
    @Override
    public void setPrimitiveAsString(boolean primitiveAsString) {}

    /** Ignored: raw bytes have no numbers to pack. */
    @Override
    public void setPackZeros(boolean packZeros) {}

    /** Ignored: this transcoder never compresses. */
    @Override
    public void setCompressionThreshold(int threshold) {}

    @Override
    public boolean isPrimitiveAsString() {
        return false;
    }

    @Override
    public boolean isPackZeros() {
        return false;
    }

    /** Ignored: this transcoder never compresses. */
    @Override
    public void setCompressionMode(CompressionMode mode) {}
}
