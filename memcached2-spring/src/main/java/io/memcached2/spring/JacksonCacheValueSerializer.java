package io.memcached2.spring;

import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.UndecodableValue;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * JSON through Jackson 3 ({@code tools.jackson}), with the class of every polymorphic value written beside it so
 * that a value reads back as the type it was written as. Reading checks each named class against an allow-list
 * (your packages, through {@link SerialAllowList} patterns, plus JDK value types: {@code java.lang} boxes,
 * {@code java.util} collections, {@code java.time}, {@code java.math}) before Jackson loads it, so JSON an attacker
 * wrote cannot make Jackson build a gadget class.
 */
public final class JacksonCacheValueSerializer implements CacheValueSerializer {
    private static final Set<String> JDK_PACKAGES = Set.of("java.lang.", "java.util.", "java.time.", "java.math.");

    private final AllowListValidator validator;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    /** @param allowList your value classes or packages, as for Java serialization */
    public JacksonCacheValueSerializer(SerialAllowList allowList) {
        this(JsonMapper.builder(), allowList);
    }

    /**
     * @param builder a mapper builder with your modules and settings; default typing is set on it here
     * @param allowList your value classes or packages
     */
    public JacksonCacheValueSerializer(JsonMapper.Builder builder, SerialAllowList allowList) {
        this.validator = new AllowListValidator(Objects.requireNonNull(allowList, "allowList"));
        JsonMapper mapper = builder.activateDefaultTyping(validator, DefaultTyping.NON_FINAL_AND_RECORDS)
                .build();
        // Object as the root type writes the root value's class too, also for final classes such as records.
        this.writer = mapper.writerFor(Object.class);
        this.reader = mapper.readerFor(Object.class);
    }

    @Override
    public byte[] serialize(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object deserialize(byte[] data) {
        try {
            return reader.readValue(data);
        } catch (InvalidTypeIdException e) {
            String typeId = e.getTypeId();
            if (typeId != null && !validator.allowed(typeId)) {
                throw new ClassNotAllowed(typeId, validator.allowList);
            }
            throw new UndecodableValue("cached JSON names a type that cannot be read: " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new UndecodableValue("cached bytes are not JSON this serializer wrote: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JacksonCacheValueSerializer";
    }

    /** Decides on class names, before any class is loaded. */
    private static final class AllowListValidator extends PolymorphicTypeValidator.Base {
        private static final long serialVersionUID = 1L;

        private final SerialAllowList allowList;

        AllowListValidator(SerialAllowList allowList) {
            this.allowList = allowList;
        }

        @Override
        public Validity validateSubClassName(DatabindContext ctxt, JavaType baseType, String subClassName) {
            return allowed(subClassName) ? Validity.ALLOWED : Validity.DENIED;
        }

        @Override
        public Validity validateSubType(DatabindContext ctxt, JavaType baseType, JavaType subType) {
            return allowed(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
        }

        private boolean allowed(String name) {
            String element = name;
            while (element.startsWith("[")) {
                element = element.substring(1);
            }
            if (element.startsWith("L") && element.endsWith(";")) {
                element = element.substring(1, element.length() - 1);
            } else if (element.length() == 1 && !element.equals(name)) {
                return true;
            }
            if (allowList.allows(element)) {
                return true;
            }
            for (String p : JDK_PACKAGES) {
                if (element.startsWith(p) && element.indexOf('.', p.length()) < 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
