package io.memcached2.internal.transcode;

import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;
import java.nio.charset.StandardCharsets;

/** Strings as UTF-8 bytes with flags 0; any flags are accepted on decode. */
public final class StringTranscoder implements Transcoder<String> {
    /** The shared instance. */
    public static final StringTranscoder INSTANCE = new StringTranscoder();

    private StringTranscoder() {}

    @Override
    public Encoded encode(String value) {
        return new Encoded(0, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decode(int flags, byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
