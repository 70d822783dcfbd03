package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Transcoders;
import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamConstants;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JavaSerializationTranscoderTest {
    record Point(int x, int y, String label) implements Serializable {}

    /** Stands for a gadget: a class whose readObject acts on what it reads. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean RAN = new AtomicBoolean();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            RAN.set(true);
        }
    }

    static class Base implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static final class Derived extends Base {
        private static final long serialVersionUID = 1L;
    }

    private static final String POINT = Point.class.getName();

    @Property(tries = 100)
    void allowedValuesRoundTrip(@ForAll int x, @ForAll int y, @ForAll String label) {
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of(POINT));
        Point point = new Point(x, y, label);

        Encoded encoded = transcoder.encode(point);

        assertThat(encoded.flags()).isEqualTo(JavaSerializationTranscoder.FLAG_SERIALIZED);
        assertThat(transcoder.decode(encoded.flags(), encoded.data())).isEqualTo(point);
    }

    @Test
    void aClassNotOnTheListIsRefusedByName() {
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of("com.example.*"));
        Encoded encoded = transcoder.encode(new Point(1, 2, "p"));

        assertThatThrownBy(() -> transcoder.decode(encoded.flags(), encoded.data()))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessage("class " + POINT + " is not on the serialization allow-list [com.example.*]")
                .extracting(e -> ((ClassNotAllowed) e).className())
                .isEqualTo(POINT);
    }

    @Test
    void aGadgetIsRefusedBeforeItsReadObjectRuns() {
        Gadget.RAN.set(false);
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of("java.util.HashMap"));
        Map<String, Object> carrier = new HashMap<>(Map.of("payload", new Gadget()));
        Encoded encoded = transcoder.encode(carrier);

        assertThatThrownBy(() -> transcoder.decode(encoded.flags(), encoded.data()))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(Gadget.class.getName());
        assertThat(Gadget.RAN).isFalse();
    }

    @Test
    void theSameGadgetIsReadWhenTheUserAllowsItsPackage() {
        Gadget.RAN.set(false);
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of("io.memcached2.**"));
        Encoded encoded = transcoder.encode(new Gadget());

        assertThat(transcoder.decode(encoded.flags(), encoded.data())).isInstanceOf(Gadget.class);
        assertThat(Gadget.RAN).isTrue();
    }

    @Test
    void serializableSuperclassesMustBeAllowedToo() {
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of(Derived.class.getName()));
        Encoded encoded = transcoder.encode(new Derived());

        assertThatThrownBy(() -> transcoder.decode(encoded.flags(), encoded.data()))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(Base.class.getName());
    }

    @Test
    void arraysFollowTheirElementType() {
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of("java.util.ArrayList"));
        List<Object> list = new ArrayList<>(List.of(new int[] {1, 2}, new String[] {"a"}, 5L));
        Encoded encoded = transcoder.encode(list);

        assertThat(transcoder.decode(encoded.flags(), encoded.data()))
                .usingRecursiveComparison()
                .isEqualTo(list);

        Encoded points = transcoder.encode(new ArrayList<>(List.of((Object) new Point[0])));
        assertThatThrownBy(() -> transcoder.decode(points.flags(), points.data()))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(POINT);
    }

    @Test
    void anArrayLongerThanTheStreamIsRefusedBeforeAllocation() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(ObjectStreamConstants.STREAM_MAGIC);
        out.writeShort(ObjectStreamConstants.STREAM_VERSION);
        out.writeByte(ObjectStreamConstants.TC_ARRAY);
        out.writeByte(ObjectStreamConstants.TC_CLASSDESC);
        out.writeUTF("[J");
        out.writeLong(ObjectStreamClassSerialVersion.LONG_ARRAY);
        out.writeByte(ObjectStreamConstants.SC_SERIALIZABLE);
        out.writeShort(0);
        out.writeByte(ObjectStreamConstants.TC_ENDBLOCKDATA);
        out.writeByte(ObjectStreamConstants.TC_NULL);
        out.writeInt(Integer.MAX_VALUE - 8);
        byte[] hostile = bytes.toByteArray();

        assertThatThrownBy(() ->
                        Transcoders.javaSerialization(SerialAllowList.of("*")).decode(1, hostile))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("array of 2147483639 elements in a stream of " + hostile.length + " bytes");
    }

    @Test
    void everythingOnlyWhenTheUserWritesTheStar() {
        Transcoder<Object> transcoder = Transcoders.javaSerialization(SerialAllowList.of("*"));
        Encoded encoded = transcoder.encode(new Point(3, 4, "q"));

        assertThat(transcoder.decode(encoded.flags(), encoded.data())).isEqualTo(new Point(3, 4, "q"));
    }

    @Test
    void valuesWithoutTheSerializedFlagAreRefused() {
        assertThatThrownBy(() ->
                        Transcoders.javaSerialization(SerialAllowList.of("*")).decode(0, new byte[] {1}))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("flags 0x0 do not mark a serialized Java value");
    }

    @Test
    void bytesThatAreNotASerializationStreamAreUndecodable() {
        assertThatThrownBy(() ->
                        Transcoders.javaSerialization(SerialAllowList.of("*")).decode(1, "hello".getBytes()))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("serialized Java value of 5 bytes is unreadable");
    }

    @Test
    void nonSerializableValuesAreRefusedOnEncode() {
        assertThatThrownBy(() ->
                        Transcoders.javaSerialization(SerialAllowList.of("*")).encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object: it does not implement java.io.Serializable");
        List<Object> holdsAnObject = new ArrayList<>(List.of(new Object()));
        assertThatThrownBy(() ->
                        Transcoders.javaSerialization(SerialAllowList.of("*")).encode(holdsAnObject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.io.NotSerializableException: java.lang.Object");
    }

    /** serialVersionUID of long[], which the JDK fixes. */
    private static final class ObjectStreamClassSerialVersion {
        static final long LONG_ARRAY =
                java.io.ObjectStreamClass.lookup(long[].class).getSerialVersionUID();
    }
}
