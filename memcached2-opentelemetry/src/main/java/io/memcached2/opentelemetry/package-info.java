/**
 * OpenTelemetry spans and metrics for the memcached2 client, per the semantic conventions for database clients:
 * register a {@link io.memcached2.opentelemetry.MemcachedTelemetry} as the client's listener.
 */
package io.memcached2.opentelemetry;
