package io.memcached2.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many servers {@link MemcachedExtension} injects into a {@code List<MemcachedServer>} parameter. Looked up on
 * the parameter, then its method or constructor, then the test class; without it the list holds 2 servers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface MemcachedServers {

    /**
     * The number of servers, at least 1.
     *
     * @return the number of servers
     */
    int count();
}
