package io.memcached2.bench;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Raw bytes for spymemcached, flags 0. Its default transcoder gzips anything over 16 KiB, which would put
 * compression into the 100 KB set workload for spymemcached alone.
 */
final class SpyBytesTranscoder implements Transcoder<byte[]> {
    static final SpyBytesTranscoder INSTANCE = new SpyBytesTranscoder();

    private SpyBytesTranscoder() {}

    @Override
    public boolean asyncDecode(CachedData data) {
        return false;
    }

    @Override
    public CachedData encode(byte[] value) {
        return new CachedData(0, value, CachedData.MAX_SIZE);
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.getData();
    }

    @Override
    public int getMaxSize() {
        return CachedData.MAX_SIZE;
    }
}
