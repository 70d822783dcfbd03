/**
 * Internal, not API: the codecs of memcached's meta and text protocols. Not exported by the module; anything here
 * may change in any release.
 */
package io.memcached2.internal.protocol;
