/** Key placement (hashers and selectors) and reconnection policies. */
package io.memcached2.routing;
