package io.memcached2.load;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/** Factories of the threads a {@link ThreadedLoad} runs on. */
public final class Threads {
    private Threads() {}

    /** @return a factory of platform threads */
    public static ThreadFactory platform() {
        return Thread::new;
    }

    /**
     * Virtual threads when the runtime has them. The code is compiled for Java 17, which has no
     * {@code Thread.ofVirtual()}, so it is looked up by reflection on the running JVM.
     *
     * @return a factory of virtual threads, or empty on a runtime without them (Java 17 to 20)
     */
    public static Optional<ThreadFactory> virtual() {
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Object builder = ofVirtual.invoke(null);
            // The builder's class is internal; its public interface Thread.Builder is what may be called.
            Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
            return Optional.of((ThreadFactory) factory.invoke(builder));
        } catch (ReflectiveOperationException | RuntimeException absent) {
            // Java 19 and 20 have the method behind --enable-preview and throw without it: no virtual threads.
            return Optional.empty();
        }
    }
}
