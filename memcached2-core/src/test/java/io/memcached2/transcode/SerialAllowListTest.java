package io.memcached2.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerialAllowListTest {
    @Test
    void aClassNameAllowsThatClassOnly() {
        SerialAllowList list = SerialAllowList.of("com.example.Order");

        assertThat(list.allows("com.example.Order")).isTrue();
        assertThat(list.allows("com.example.Order$Line")).isFalse();
        assertThat(list.allows("com.example.OrderX")).isFalse();
    }

    @Test
    void aPackageStarAllowsThatPackageOnly() {
        SerialAllowList list = SerialAllowList.of("com.example.*");

        assertThat(list.allows("com.example.Order")).isTrue();
        assertThat(list.allows("com.example.Order$Line")).isTrue();
        assertThat(list.allows("com.example.sub.Order")).isFalse();
        assertThat(list.allows("com.examples.Order")).isFalse();
    }

    @Test
    void aDoubleStarAllowsSubpackages() {
        SerialAllowList list = SerialAllowList.of("com.example.**");

        assertThat(list.allows("com.example.sub.deeper.Order")).isTrue();
        assertThat(list.allows("com.examples.Order")).isFalse();
    }

    @Test
    void inertJdkValueTypesAreAlwaysAllowedAndNothingElse() {
        SerialAllowList list = SerialAllowList.of("com.example.Order");

        assertThat(list.allows("java.lang.Long")).isTrue();
        assertThat(list.allows("java.lang.Number")).isTrue();
        assertThat(list.allows("java.util.HashMap")).isFalse();
        assertThat(list.allows("org.apache.commons.collections.functors.InvokerTransformer"))
                .isFalse();
    }

    @Test
    void ofClassesUsesBinaryNames() {
        assertThat(SerialAllowList.ofClasses(java.util.Map.Entry.class).allows("java.util.Map$Entry"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "com.example.*;!*",
                "!com.example.Bad",
                "com.*.Order",
                "**",
                "com..Order",
                "maxdepth=5",
                "com.example.Order "
            })
    void malformedPatternsAreRefused(String pattern) {
        assertThatThrownBy(() -> SerialAllowList.of(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed allow-list pattern '" + pattern + "'");
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(SerialAllowList::of)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one class or package pattern");
    }
}
