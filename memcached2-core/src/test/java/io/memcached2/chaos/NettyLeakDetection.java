package io.memcached2.chaos;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with Netty's leak detector at PARANOID (every buffer tracked, as the system property
 * {@code io.netty.leakDetection.level=paranoid} would) and fails a test when a leak is reported: after each test
 * it collects garbage and allocates a few buffers, which makes Netty report buffers that were dropped unreleased.
 */
public final class NettyLeakDetection implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean listening;
    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        previous = ResourceLeakDetector.getLevel();
        System.setProperty("io.netty.leakDetection.level", "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        listen();
    }

    /** Hooks a listener onto the detector every ByteBuf shares (a static field of AbstractByteBuf). */
    private static synchronized void listen() throws ReflectiveOperationException {
        if (listening) {
            return;
        }
        detector().setLeakListener((type, records) -> LEAKS.add(type + " leaked:" + records));
        listening = true;
    }

    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> detector() throws ReflectiveOperationException {
        Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
        f.setAccessible(true);
        return (ResourceLeakDetector<ByteBuf>) f.get(null);
    }

    /**
     * Counts the buffers allocated and not released yet, as the detector tracks them: at PARANOID, every buffer
     * allocated while a test class with this extension runs. Unlike the allocator's memory figures, which include
     * the chunks its pool keeps for reuse, this is what the client actually holds.
     */
    static int liveBuffers() {
        try {
            Field f = ResourceLeakDetector.class.getDeclaredField("allLeaks");
            f.setAccessible(true);
            return ((java.util.Set<?>) f.get(detector())).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read Netty's leak detector", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String leak = collect(Duration.ofMillis(400));
        if (leak != null) {
            throw new AssertionError("Netty reported a buffer leak in " + context.getDisplayName() + ": " + leak);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(previous);
    }

    /**
     * Makes Netty report what it can: garbage-collects, then allocates tracked buffers (reports happen on the
     * next allocation), for up to {@code time}.
     *
     * @return the first leak reported, or null
     */
    static String collect(Duration time) {
        Chaos.await(time, () -> {
            System.gc();
            for (int i = 0; i < 8; i++) {
                ByteBufAllocator.DEFAULT.directBuffer(16).release();
                ByteBufAllocator.DEFAULT.heapBuffer(16).release();
                Unpooled.directBuffer(16).release();
            }
            return !LEAKS.isEmpty();
        });
        if (LEAKS.isEmpty()) {
            return null;
        }
        String first = LEAKS.get(0);
        LEAKS.clear();
        return first;
    }
}
