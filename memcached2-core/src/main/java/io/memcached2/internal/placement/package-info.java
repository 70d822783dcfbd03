/**
 * Internal, not API: the built-in hashers, selectors and their placements (ketama continuums, buckets, rendezvous),
 * reached through {@link io.memcached2.Selectors} and {@link io.memcached2.Hashers}. Not exported by the module;
 * anything here may change in any release.
 */
package io.memcached2.internal.placement;
