package io.memcached2.spring.boot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/** The cached methods the tests call; each counts its real calls. */
public class CachedService {
    /** A value type of the application, so of its package: allowed by the default allow-list. */
    public record Person(String id, String name, int age) {}

    // Reached through methods: the caching proxy is a subclass whose own fields are never set.
    private final AtomicInteger personCalls = new AtomicInteger();
    private final AtomicInteger orderCalls = new AtomicInteger();
    private final AtomicInteger slowCalls = new AtomicInteger();
    private final AtomicInteger asyncCalls = new AtomicInteger();
    private final AtomicInteger shortCalls = new AtomicInteger();
    private volatile CountDownLatch slowGate = new CountDownLatch(0);

    public int personCalls() {
        return personCalls.get();
    }

    public int orderCalls() {
        return orderCalls.get();
    }

    public int slowCalls() {
        return slowCalls.get();
    }

    public int asyncCalls() {
        return asyncCalls.get();
    }

    public int shortCalls() {
        return shortCalls.get();
    }

    public void slowGate(CountDownLatch gate) {
        this.slowGate = gate;
    }

    @Cacheable("people")
    public Person person(String id) {
        personCalls.incrementAndGet();
        return new Person(id, "name of " + id, 40);
    }

    @CachePut(cacheNames = "people", key = "#p0")
    public Person updatePerson(String id, String name) {
        return new Person(id, name, 41);
    }

    @CacheEvict(cacheNames = "people", allEntries = true)
    public void forgetPeople() {}

    @Cacheable("orders")
    public String order(String id) {
        orderCalls.incrementAndGet();
        return "order " + id;
    }

    /** Waits until every caller has arrived, so that they all overlap with this one call. */
    @Cacheable(cacheNames = "slow", sync = true)
    public String slow(String id) throws InterruptedException {
        slowCalls.incrementAndGet();
        slowGate.await(10, TimeUnit.SECONDS);
        return "slow " + id;
    }

    @Cacheable("async")
    public CompletableFuture<String> async(String id) {
        asyncCalls.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> "async " + id);
    }

    @Cacheable("short")
    public String shortLived(String id) {
        shortCalls.incrementAndGet();
        return "short " + id + " #" + shortCalls.get();
    }
}
