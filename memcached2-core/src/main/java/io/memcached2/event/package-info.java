/**
 * What the client does, as events: register a {@link io.memcached2.event.MemcacheListener} on the builder to
 * feed metrics, traces or logs. Exported API.
 */
package io.memcached2.event;
