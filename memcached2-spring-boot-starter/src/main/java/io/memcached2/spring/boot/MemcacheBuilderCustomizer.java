package io.memcached2.spring.boot;

import io.memcached2.MemcacheBuilder;

/** Adjusts the auto-configured client's builder after the {@code memcached2.*} properties are applied. */
@FunctionalInterface
public interface MemcacheBuilderCustomizer {
    /** @param builder the builder of the {@code Memcache<byte[]>} client bean */
    void customize(MemcacheBuilder<byte[]> builder);
}
