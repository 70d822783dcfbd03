package io.memcached2.internal.transcode;

import io.memcached2.transcode.Compression;
import java.util.Objects;

/** Applies a {@link Compression} policy in one {@link CompressionFormat}. */
final class ValueCompressor {
    private final CompressionFormat format;
    private final Compression compression;

    ValueCompressor(CompressionFormat format, Compression compression) {
        this.format = format;
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    /** @return the compressed bytes, or null when the value is under the threshold or would not shrink */
    byte[] compressIfSmaller(byte[] data) {
        if (data.length < compression.threshold()) {
            return null;
        }
        byte[] compressed = format.compress(data);
        return compressed.length < data.length ? compressed : null;
    }

    byte[] inflate(byte[] compressed) {
        return BoundedInflater.inflate(compressed, compression.maxInflatedBytes());
    }
}
