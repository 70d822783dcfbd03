/** Value transcoders: how values become the bytes and flags memcached stores. */
package io.memcached2.transcode;
