package io.memcached2.example;

import io.memcached2.Memcache;
import io.memcached2.ServerStats;
import java.util.List;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/** Calls a cached method a few times and prints what the method and memcached saw. */
@SpringBootApplication
@EnableCaching
public class ExampleApplication {
    /** @param args Spring Boot arguments, such as {@code --memcached2.servers=memcached://127.0.0.1:11211/} */
    public static void main(String[] args) {
        SpringApplication.exit(SpringApplication.run(ExampleApplication.class, args));
    }

    /**
     * @param quotes the cached service
     * @param client the auto-configured client, for the server's statistics
     * @return the demo, run once at start
     */
    @Bean
    ApplicationRunner demo(QuoteService quotes, Memcache<byte[]> client) {
        return args -> {
            long hits = total(client, "get_hits");
            long misses = total(client, "get_misses");
            for (String symbol : List.of("ACME", "ACME", "INIT", "ACME", "INIT")) {
                long start = System.nanoTime();
                Quote q = quotes.quote(symbol);
                System.out.printf(
                        "quote(%s) = %s in %d ms%n", symbol, q.price(), (System.nanoTime() - start) / 1_000_000);
            }
            quotes.refreshAll();
            System.out.printf(
                    "after refreshAll(): quote(ACME) = %s%n",
                    quotes.quote("ACME").price());
            System.out.printf(
                    "method calls: %d of 6; memcached get_hits +%d, get_misses +%d%n",
                    quotes.calls(), total(client, "get_hits") - hits, total(client, "get_misses") - misses);
        };
    }

    private static long total(Memcache<byte[]> client, String stat) {
        return client.stats().stream()
                .filter(s -> s != null)
                .mapToLong((ServerStats s) -> s.number(stat))
                .sum();
    }
}
