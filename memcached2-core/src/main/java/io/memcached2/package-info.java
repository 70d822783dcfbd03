/**
 * The memcached2 client API: {@link io.memcached2.Memcache} (blocking), {@link io.memcached2.AsyncMemcache}
 * (futures), their builder and options, results, and the exception hierarchy rooted at
 * {@link io.memcached2.MemcachedException}.
 */
package io.memcached2;
