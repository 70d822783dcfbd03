/**
 * Internal, not API: delivers {@link io.memcached2.event.MemcacheListener} events, costing nothing when no listener
 * is registered. Not exported by the module; anything here may change in any release.
 */
package io.memcached2.internal.events;
