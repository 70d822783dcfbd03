package io.memcached2.example;

import java.math.BigDecimal;

/**
 * A cached value: a record, stored as JSON.
 *
 * @param symbol the ticker
 * @param price its price
 */
public record Quote(String symbol, BigDecimal price) {}
