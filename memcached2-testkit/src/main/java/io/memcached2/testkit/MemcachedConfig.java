package io.memcached2.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Options for the servers {@link MemcachedExtension} starts. Looked up on the method or constructor that takes the
 * server, then on the test class; values left at their defaults keep the {@link MemcachedServer.Builder} defaults.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface MemcachedConfig {

    /**
     * Memory limit in megabytes ({@code -m}).
     *
     * @return the limit; default 64
     */
    int memoryMb() default 64;

    /**
     * Largest item size in bytes ({@code -I}); 0 keeps memcached's default.
     *
     * @return the size in bytes, or 0 for memcached's default
     */
    int maxItemSize() default 0;

    /**
     * Worker threads ({@code -t}).
     *
     * @return the number of threads; default 2
     */
    int threads() default 2;

    /**
     * Further command line arguments, passed as they are.
     *
     * @return the arguments; default none
     */
    String[] extraArgs() default {};
}
