package io.memcached2.internal.placement;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5 with a per-thread digest and output buffer, so ring building and key hashing allocate nothing. */
final class Md5 {
    private static final ThreadLocal<Md5> PER_THREAD = ThreadLocal.withInitial(Md5::new);

    private final MessageDigest digest;
    private final byte[] out = new byte[16];

    private Md5() {
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5, which ketama placement needs", e);
        }
    }

    /**
     * @return this thread's digest buffer holding MD5 of the slice; valid until this thread's next call
     */
    static byte[] digest(byte[] bytes, int offset, int length) {
        Md5 md5 = PER_THREAD.get();
        md5.digest.update(bytes, offset, length);
        try {
            md5.digest.digest(md5.out, 0, 16);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 refused a 16-byte output buffer", e);
        }
        return md5.out;
    }

    /** @return the {@code i}-th little-endian 32-bit word of a digest, unsigned (ketama's point {@code i}) */
    static long word(byte[] digest, int i) {
        int b = 4 * i;
        return (digest[b] & 0xffL)
                | (digest[b + 1] & 0xffL) << 8
                | (digest[b + 2] & 0xffL) << 16
                | (digest[b + 3] & 0xffL) << 24;
    }
}
