package io.memcached2.internal.transcode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** The deflate container a value is compressed into; both are read back by {@link BoundedInflater}. */
enum CompressionFormat {
    /** RFC 1950 zlib, as python's {@code zlib.compress} writes: 6 bytes of framing and an Adler-32 check. */
    ZLIB,
    /** RFC 1952 gzip, as spymemcached and xmemcached write: 18 bytes of framing and a CRC-32 check. */
    GZIP;

    byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (OutputStream deflating = this == GZIP ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            deflating.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing into memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
