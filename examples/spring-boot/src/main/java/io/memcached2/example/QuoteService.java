package io.memcached2.example;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** A slow lookup worth caching. */
@Service
public class QuoteService {
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param symbol the ticker
     * @return its quote, computed slowly on a miss
     */
    @Cacheable("quotes")
    public Quote quote(String symbol) {
        calls.incrementAndGet();
        try {
            Thread.sleep(200); // stands for a slow database or remote call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Quote(symbol, BigDecimal.valueOf(10_000 + Math.abs(symbol.hashCode() % 90_000), 2));
    }

    /** Empties the quotes cache: one incr of its generation in memcached. */
    @CacheEvict(cacheNames = "quotes", allEntries = true)
    public void refreshAll() {}

    /** @return how often {@link #quote} really ran */
    public int calls() {
        return calls.get();
    }
}
