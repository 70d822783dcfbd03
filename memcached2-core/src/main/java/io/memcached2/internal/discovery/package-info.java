/**
 * Auto discovery: polls a configuration endpoint (ElastiCache, Memorystore) for the cluster's node list. Internal:
 * not part of the API and not exported; use {@code io.memcached2.Discovery}.
 */
package io.memcached2.internal.discovery;
