/**
 * Internal, not API: auto discovery, polling a configuration endpoint (ElastiCache, Memorystore) for the cluster's
 * node list; users reach it through {@link io.memcached2.Discovery}. Not exported by the module; anything here may
 * change in any release.
 */
package io.memcached2.internal.discovery;
