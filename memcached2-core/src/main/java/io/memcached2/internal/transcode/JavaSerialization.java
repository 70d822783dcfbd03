package io.memcached2.internal.transcode;

import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.UndecodableValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/** Java serialization to and from bytes, reading only through an {@link AllowListFilter}. */
final class JavaSerialization {
    private JavaSerialization() {}

    static byte[] serialize(Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("cannot serialize a "
                    + value.getClass().getName() + ": it does not implement java.io.Serializable");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot serialize a " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] data, SerialAllowList allowList) {
        AllowListFilter filter = new AllowListFilter(allowList, data.length);
        try (ObjectInputStream in = new ContextLoaderObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            // A class's own readObject may wrap the filter's InvalidClassException, so ask the filter, not the type.
            UndecodableValue refusal = filter.refusal();
            if (refusal != null) {
                refusal.initCause(e);
                throw refusal;
            }
            throw new UndecodableValue("serialized Java value of " + data.length + " bytes is unreadable: " + e, e);
        }
    }

    /** Falls back to the thread's context class loader, where containers keep the application's classes. */
    private static final class ContextLoaderObjectInputStream extends ObjectInputStream {
        ContextLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return super.resolveClass(desc);
            } catch (ClassNotFoundException e) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context == null) {
                    throw e;
                }
                return Class.forName(desc.getName(), false, context);
            }
        }
    }
}
