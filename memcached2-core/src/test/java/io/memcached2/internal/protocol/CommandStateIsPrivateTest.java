package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A command's request and reply state belongs to the codecs: outside this package it is filled through the fills
 * and read through the accessors, never through a field.
 */
class CommandStateIsPrivateTest {

    @Test
    void commandHasNoPublicField() {
        assertThat(Arrays.stream(Command.class.getDeclaredFields())
                        .filter(f -> Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers()))
                        .map(Field::getName))
                .as("public or protected fields of Command")
                .isEmpty();
    }
}
