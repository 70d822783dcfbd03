/**
 * Internal, not API: the command table ({@link io.memcached2.internal.commands.CommandTable}), where each command is
 * defined once (its name, argument checks, request filling, reply mapping and miss policy), and the two executors
 * that run it: {@link io.memcached2.internal.commands.BlockingCalls} parks the caller,
 * {@link io.memcached2.internal.commands.AsyncCalls} completes a future. The public clients delegate to them one line
 * per method. Not exported by the module; anything here may change in any release.
 */
package io.memcached2.internal.commands;
