package io.memcached2.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Process checks for the kit's own tests. */
final class Processes {

    private Processes() {}

    /** Whether the pid is a live process; a zombie (killed, not yet reaped by its new parent) counts as gone. */
    static boolean isAlive(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    static boolean awaitGone(long pid, Duration timeout) {
        return Deadline.after(timeout).await(() -> !isAlive(pid));
    }
}
