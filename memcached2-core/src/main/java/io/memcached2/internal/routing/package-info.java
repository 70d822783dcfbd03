/**
 * Internal, not API: routing. {@link io.memcached2.internal.routing.Engine} holds the nodes and places keys on them;
 * multi-key commands are split by node here (their replies are merged back in internal.commands, which depends on this package, never the other way). Not exported by the module; anything here
 * may change in any release.
 */
package io.memcached2.internal.routing;
