package io.memcached2.event;

/**
 * A request a caller has made, before anything is sent.
 *
 * <p>Command names. A method that is one memcached command, on one key or on several keys or servers, is named
 * after that command as memcached's text protocol spells it, whichever protocol carries it; the two methods that
 * are not one memcached command are named after the method: {@code cache} (a lease read, then perhaps a load and a
 * set) and {@code invalidate} (a meta delete that marks the item stale; a plain delete in the text and binary
 * protocols). The complete list, by method of {@code Memcache}, {@code AsyncMemcache} and {@code
 * ExceptionsAreMissesMemcache} (the map and value views call these methods):
 *
 * <ul>
 *   <li>{@code get}: get, getMulti
 *   <li>{@code gets}: gets, getsMulti
 *   <li>{@code gat}: gat
 *   <li>{@code gats}: gats
 *   <li>{@code set}: set, setMulti
 *   <li>{@code add}: add
 *   <li>{@code replace}: replace
 *   <li>{@code append}: append
 *   <li>{@code prepend}: prepend
 *   <li>{@code cas}: cas
 *   <li>{@code delete}: delete, deleteAll, deleteMulti
 *   <li>{@code touch}: touch
 *   <li>{@code incr}: incr
 *   <li>{@code decr}: decr
 *   <li>{@code flush_all}: flushAll
 *   <li>{@code stats}: stats
 *   <li>{@code version}: version
 *   <li>{@code cache}: cache
 *   <li>{@code invalidate}: invalidate
 * </ul>
 *
 * <p>The events of one request on the wire ({@link MemcacheListener#requestTimedOut}, {@link
 * MemcacheListener#lateReply}, and {@link MemcacheListener#requestRefused} for an overload) name that request's
 * command instead: see {@link MemcacheListener}.
 *
 * @param command the command's name, from the list above
 * @param keys how many keys the request names (0 for commands without a key)
 */
public record RequestStart(String command, int keys) {}
