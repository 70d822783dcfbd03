/**
 * Micrometer meters for the memcached2 client: register a {@link io.memcached2.micrometer.MemcachedMetrics} as the
 * client's listener and bind it to a registry. The meters and their tags are listed in the module's README.
 */
package io.memcached2.micrometer;
