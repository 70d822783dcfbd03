/**
 * Value transcoding: the {@link io.memcached2.transcode.Transcoder} SPI, its {@link io.memcached2.transcode.Encoded}
 * result, the options of the built-in transcoders ({@link io.memcached2.transcode.Compression},
 * {@link io.memcached2.transcode.SerialAllowList}) and the failures of decoding
 * ({@link io.memcached2.transcode.UndecodableValue} and its subclasses). The built-in transcoders are reached through
 * {@link io.memcached2.Transcoders}.
 */
package io.memcached2.transcode;
