/**
 * Value transcoders: how values become the bytes and flags memcached stores.
 *
 * <p>Besides the plain {@link io.memcached2.transcode.StringTranscoder}, {@link io.memcached2.transcode.BytesTranscoder}
 * and {@link io.memcached2.transcode.LongTranscoder} (flags 0), this package holds
 * {@link io.memcached2.transcode.CompressingTranscoder} (zlib, flag bit 3, bounded inflate),
 * {@link io.memcached2.transcode.JavaSerializationTranscoder} (flag bit 0, read only through a
 * {@link io.memcached2.transcode.SerialAllowList}), and the formats of other clients, so items can be shared with
 * them: {@link io.memcached2.transcode.PythonMemcacheTranscoder} (python-memcached) and
 * {@link io.memcached2.transcode.SpymemcachedTranscoder} (spymemcached and xmemcached). Every compressed value is
 * inflated within a limit ({@link io.memcached2.transcode.Compression}), and no transcoder deserializes a class or
 * unpickles a value the user has not allowed.
 */
package io.memcached2.transcode;
