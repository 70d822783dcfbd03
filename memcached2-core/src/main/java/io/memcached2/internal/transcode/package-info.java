/**
 * Internal, not API: the built-in transcoders, compression with a bounded inflate, and allow-listed Java
 * serialization, reached through {@link io.memcached2.Transcoders}. Not exported by the module; anything here may
 * change in any release.
 */
package io.memcached2.internal.transcode;
