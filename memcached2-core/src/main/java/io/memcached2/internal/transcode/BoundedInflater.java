package io.memcached2.internal.transcode;

import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.UndecodableValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Inflates zlib or gzip data without ever holding more than a set number of inflated bytes. The format is told by
 * the gzip magic number, which no zlib header can start with, so values from every peer client read back.
 */
final class BoundedInflater {
    private static final int CHUNK = 16 * 1024;

    private BoundedInflater() {}

    static byte[] inflate(byte[] compressed, int maxBytes) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(Math.min(maxBytes, Math.max(CHUNK, compressed.length * 4)));
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = open(compressed)) {
            int total = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (n > maxBytes - total) {
                    throw new InflateLimitExceeded(compressed.length, maxBytes);
                }
                total += n;
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UndecodableValue(
                    "compressed value of " + compressed.length + " bytes is corrupt: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static InputStream open(byte[] compressed) throws IOException {
        ByteArrayInputStream raw = new ByteArrayInputStream(compressed);
        boolean gzip = compressed.length >= 2 && compressed[0] == (byte) 0x1f && compressed[1] == (byte) 0x8b;
        return gzip ? new GZIPInputStream(raw) : new InflaterInputStream(raw);
    }
}
