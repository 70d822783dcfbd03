package io.memcached2.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The files memcached -S needs: a SASL user database made with {@code saslpasswd2}, and {@code memcached.conf}
 * naming it with the PLAIN mechanism, which memcached finds through {@code SASL_CONF_PATH}.
 */
final class SaslDatabase {

    private SaslDatabase() {}

    /**
     * Writes the configuration and the database with one user into {@code dir}, readable by every user (memcached
     * drops root before it reads them).
     *
     * @return the directory to give memcached as {@code SASL_CONF_PATH}
     * @throws IllegalStateException if {@code saslpasswd2} is missing or fails
     */
    static Path create(Path dir, String user, String password) {
        Path db = dir.resolve("sasldb2");
        try {
            Process p;
            try {
                p = new ProcessBuilder("saslpasswd2", "-p", "-a", "memcached", "-c", "-f", db.toString(), user)
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("saslpasswd2 not found: install Debian's sasl2-bin", e);
            }
            try (OutputStream in = p.getOutputStream()) {
                in.write(password.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("saslpasswd2 did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("saslpasswd2 failed (" + p.exitValue() + "): " + output.strip());
            }
            Path conf = Files.writeString(dir.resolve("memcached.conf"), "mech_list: plain\nsasldb_path: " + db + "\n");
            readable(db);
            readable(conf);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the SASL user database in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the SASL user database", e);
        }
    }

    private static void readable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
