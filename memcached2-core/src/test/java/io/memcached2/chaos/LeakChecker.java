package io.memcached2.chaos;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.File;
import java.time.Duration;

/**
 * Snapshots of what a client could leak: live threads, open file descriptors ({@code /proc/self/fd}), and Netty's
 * buffer memory (the default allocator's used memory and Netty's direct-memory counter). Netty's leak detector
 * (PARANOID, see {@link NettyLeakDetection}) covers buffers that were dropped without release.
 */
final class LeakChecker {
    /** One reading. */
    static final class Snapshot {
        final int threads;
        final int fds;
        final long nettyBytes;
        final long heapBytes;

        Snapshot(int threads, int fds, long nettyBytes, long heapBytes) {
            this.threads = threads;
            this.fds = fds;
            this.nettyBytes = nettyBytes;
            this.heapBytes = heapBytes;
        }

        @Override
        public String toString() {
            return threads + " threads, " + fds + " fds, " + nettyBytes / 1024 + " KiB Netty buffers, "
                    + heapBytes / (1024 * 1024) + " MiB heap";
        }
    }

    private LeakChecker() {}

    static int fds() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }

    /**
     * Live threads, without the JDK's "process reaper" threads: the testkit's memcached processes start them, and they
     * idle for a minute after a process ends, so counting them reports the test's own servers as the client's leak.
     */
    static int threads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("process reaper")) {
                n++;
            }
        }
        return n;
    }

    /**
     * The larger of the default allocator's memory and Netty's direct-memory counter: both count the chunks of the
     * default (adaptive) allocator, so their sum would count that memory twice.
     */
    static long nettyBytes() {
        long used = 0;
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        if (alloc instanceof ByteBufAllocatorMetricProvider) {
            ByteBufAllocatorMetric m = ((ByteBufAllocatorMetricProvider) alloc).metric();
            used = m.usedDirectMemory() + m.usedHeapMemory();
        }
        return Math.max(used, PlatformDependent.usedDirectMemory());
    }

    static long heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static Snapshot take() {
        return new Snapshot(threads(), fds(), nettyBytes(), heapAfterGc());
    }

    /**
     * Waits (polling) for threads and file descriptors to settle back to the baseline plus a tolerance, since
     * closed sockets and finished proxy threads go away asynchronously.
     *
     * @return a description of the growth, or null if there is none beyond the tolerance
     */
    static String growth(Snapshot base, int threadSlack, int fdSlack, long bufferSlack, Duration settle) {
        Snapshot[] now = new Snapshot[1];
        Chaos.await(settle, () -> {
            now[0] = new Snapshot(threads(), fds(), nettyBytes(), 0);
            return now[0].threads <= base.threads + threadSlack
                    && now[0].fds <= base.fds + fdSlack
                    && now[0].nettyBytes <= base.nettyBytes + bufferSlack;
        });
        Snapshot s = now[0];
        if (s.threads <= base.threads + threadSlack
                && s.fds <= base.fds + fdSlack
                && s.nettyBytes <= base.nettyBytes + bufferSlack) {
            return null;
        }
        return "threads " + base.threads + " -> " + s.threads + ", fds " + base.fds + " -> " + s.fds
                + ", Netty buffers " + base.nettyBytes + " -> " + s.nettyBytes + " bytes; threads now: "
                + threadNames();
    }

    static String threadNames() {
        StringBuilder sb = new StringBuilder();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.getName());
        }
        return sb.toString();
    }

    /** @return "threads +a, fds +b, buffers +c KiB" between two readings, for the report */
    static String delta(Snapshot a, Snapshot b) {
        return "threads " + signed(b.threads - a.threads) + ", fds " + signed(b.fds - a.fds) + ", buffers "
                + signed((b.nettyBytes - a.nettyBytes) / 1024) + " KiB";
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }
}
