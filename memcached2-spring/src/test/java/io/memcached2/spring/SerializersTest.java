package io.memcached2.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.UndecodableValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.cache.support.NullValue;

class SerializersTest {
    /** A value class of the application: on the allow-list. */
    public record Order(String id, BigDecimal total, List<String> lines) implements Serializable {}

    /** A mutable bean holding an untyped field, so its content must carry its own type. */
    public static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        public Object payload;
        public Map<String, Object> extras = new HashMap<>();
    }

    /** Stands for a gadget: a class on the class path that is not on the allow-list. */
    public static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean built;
        public String command = "rm -rf /";

        public Gadget() {
            built = true;
        }
    }

    private static final SerialAllowList ALLOWED = SerialAllowList.of(Order.class.getName(), Holder.class.getName());

    static Stream<CacheValueSerializer> serializers() {
        return Stream.of(
                new JacksonCacheValueSerializer(ALLOWED),
                JavaCacheValueSerializer.withJdkValueTypes(Order.class.getName(), Holder.class.getName()));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void valuesComeBackAsTheTypeTheyWereWrittenAs(CacheValueSerializer s) {
        Order order = new Order("o-1", new BigDecimal("12.50"), new ArrayList<>(List.of("apple", "pear")));
        Holder holder = new Holder();
        holder.payload = order;
        holder.extras.put("count", 3L);
        for (Object v : List.of("text", 42, 42L, 1.5d, true, order, new ArrayList<>(List.of(order)))) {
            assertThat(s.deserialize(s.serialize(v))).isEqualTo(v).hasSameClassAs(v);
        }
        Holder back = (Holder) s.deserialize(s.serialize(holder));
        assertThat(back.payload).isEqualTo(order);
        assertThat(back.extras.get("count")).isEqualTo(3L);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void jdkValueTypesRoundTrip(CacheValueSerializer s) {
        for (Object v : List.of(
                List.of("a", "b"),
                Map.of("k", 1L),
                java.util.UUID.randomUUID(),
                Instant.parse("2026-12-03T12:00:00Z"),
                new java.util.TreeMap<>(Map.of("z", "y")))) {
            assertThat(s.deserialize(s.serialize(v))).isEqualTo(v);
        }
    }

    @Test
    void jacksonReadsJdkValueTypes() {
        CacheValueSerializer s = new JacksonCacheValueSerializer(ALLOWED);
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertThat(s.deserialize(s.serialize(now))).isEqualTo(now);
        assertThat(s.deserialize(s.serialize(new BigDecimal("0.10")))).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void jacksonRefusesAGadgetClassNamedInTheJson() {
        CacheValueSerializer s = new JacksonCacheValueSerializer(ALLOWED);
        Gadget.built = false;
        byte[] attack = ("[\"" + Gadget.class.getName() + "\",{\"command\":\"id\"}]").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.deserialize(attack))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(Gadget.class.getName());
        byte[] nested = ("[\"" + Holder.class.getName() + "\",{\"payload\":[\"" + Gadget.class.getName() + "\",{}]}]")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.deserialize(nested))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(Gadget.class.getName());
        byte[] jdkGadget = "[\"com.sun.rowset.JdbcRowSetImpl\",{\"dataSourceName\":\"ldap://127.0.0.1/x\"}]"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.deserialize(jdkGadget))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining("com.sun.rowset.JdbcRowSetImpl");
        assertThat(Gadget.built).isFalse();
    }

    @Test
    void javaSerializationRefusesAGadgetClass() throws IOException {
        CacheValueSerializer s =
                JavaCacheValueSerializer.withJdkValueTypes(Order.class.getName(), Holder.class.getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Gadget());
        }
        Gadget.built = false;
        assertThatThrownBy(() -> s.deserialize(bytes.toByteArray()))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(Gadget.class.getName());
        assertThat(Gadget.built).isFalse();
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void garbageGivesAClearErrorNeverAValue(CacheValueSerializer s) {
        Random random = new Random(17);
        List<byte[]> garbage = new ArrayList<>(List.of(
                new byte[0],
                "{".getBytes(StandardCharsets.UTF_8),
                "not json at all".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}));
        for (int i = 0; i < 50; i++) {
            byte[] b = new byte[1 + random.nextInt(64)];
            random.nextBytes(b);
            garbage.add(b);
        }
        byte[] good = s.serialize(new Order("o-2", BigDecimal.ONE, new ArrayList<>()));
        for (int cut = 1; cut < good.length; cut += Math.max(1, good.length / 10)) {
            garbage.add(java.util.Arrays.copyOf(good, cut));
        }
        for (byte[] g : garbage) {
            assertThatThrownBy(() -> s.deserialize(g)).isInstanceOf(UndecodableValue.class);
        }
    }

    @Test
    void theStoredFormSetsTheNullMarkerApartAndRefusesForeignBytes() {
        CacheValueSerializer s = new JacksonCacheValueSerializer(ALLOWED);
        assertThat(StoredValues.decode(StoredValues.encode(NullValue.INSTANCE, s), s))
                .isSameAs(NullValue.INSTANCE);
        assertThat(StoredValues.decode(StoredValues.encode("N", s), s)).isEqualTo("N");
        assertThat(StoredValues.encode("", s)).isNotEmpty();
        assertThatThrownBy(() -> StoredValues.decode("plain text".getBytes(StandardCharsets.UTF_8), s))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("not written by MemcachedCache");
        assertThatThrownBy(() -> StoredValues.decode(new byte[0], s)).isInstanceOf(UndecodableValue.class);
    }

    @Test
    void theDefaultIsJacksonWhenItIsOnTheClassPath() {
        assertThat(CacheValueSerializers.jacksonPresent()).isTrue();
        assertThat(CacheValueSerializers.standard(ALLOWED)).isInstanceOf(JacksonCacheValueSerializer.class);
    }
}
