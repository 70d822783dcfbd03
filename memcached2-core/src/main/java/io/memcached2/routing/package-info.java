/**
 * Key placement and reconnection SPIs: {@link io.memcached2.routing.Hasher}, {@link io.memcached2.routing.Selector}
 * and the {@link io.memcached2.routing.Placement} it builds, {@link io.memcached2.routing.Reconnector}, and the
 * {@link io.memcached2.routing.KetamaFlavor} option. The built-in implementations are reached through
 * {@link io.memcached2.Selectors}, {@link io.memcached2.Hashers} and {@link io.memcached2.Reconnectors}.
 */
package io.memcached2.routing;
