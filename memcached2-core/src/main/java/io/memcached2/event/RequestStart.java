package io.memcached2.event;

/**
 * A request a caller has made, before anything is sent.
 *
 * @param command the memcached command, in lower case as on the wire's text protocol ({@code get}, {@code gets},
 *     {@code set}, {@code delete}, {@code incr}, {@code stats}, ...); multi-key retrievals are {@code get} and
 *     {@code gets} with several keys
 * @param keys how many keys the request names (0 for commands without a key)
 */
public record RequestStart(String command, int keys) {}
