/**
 * Internal, not API: connections, nodes and their healing, on Netty. Not exported by the module; anything here may
 * change in any release.
 */
package io.memcached2.internal.transport;
