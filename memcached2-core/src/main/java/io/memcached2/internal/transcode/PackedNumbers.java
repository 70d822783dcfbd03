package io.memcached2.internal.transcode;

import io.memcached2.transcode.UndecodableValue;

/**
 * Big-endian two's-complement numbers with their leading zero bytes dropped, as spymemcached's and xmemcached's
 * {@code TranscoderUtils(true)} write them (0 is the empty array; negative numbers keep every byte).
 */
final class PackedNumbers {
    private PackedNumbers() {}

    static byte[] encode(long value, int width) {
        int skip = 0;
        while (skip < width && (byte) (value >>> (8 * (width - 1 - skip))) == 0) {
            skip++;
        }
        byte[] packed = new byte[width - skip];
        for (int i = 0; i < packed.length; i++) {
            packed[packed.length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return packed;
    }

    static long decode(byte[] packed, int width, String type) {
        if (packed.length > width) {
            throw new UndecodableValue(
                    packed.length + " bytes are too many for a " + type + " (at most " + width + ")");
        }
        long value = 0;
        for (byte b : packed) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
