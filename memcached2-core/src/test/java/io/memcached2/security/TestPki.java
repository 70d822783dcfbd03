package io.memcached2.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway certificates made with the {@code openssl} command line: a CA, and leaf certificates it signs. Keys are
 * EC P-256 in PKCS#8 PEM, the form Netty reads. Nothing here is fit for anything but tests.
 */
final class TestPki {
    private final Path dir;
    private final String name;
    final Path caCert;
    private final Path caKey;

    private TestPki(Path dir, String name) throws IOException {
        this.dir = dir;
        this.name = name;
        this.caCert = dir.resolve(name + "-ca.pem");
        this.caKey = dir.resolve(name + "-ca.key");
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                caKey.toString(),
                "-out",
                caCert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=" + name + " test CA");
    }

    /** Makes a new CA named {@code name} in {@code dir}. */
    static TestPki newCa(Path dir, String name) throws IOException {
        return new TestPki(dir, name);
    }

    /** A certificate and its key, both PEM files. */
    record Issued(Path cert, Path key) {}

    /**
     * Issues a certificate signed by this CA.
     *
     * @param leaf file name stem
     * @param subjectAltName for example {@code IP:127.0.0.1} or {@code DNS:wrong.example.com}
     */
    Issued issue(String leaf, String subjectAltName) throws IOException {
        Path key = dir.resolve(name + "-" + leaf + ".key");
        Path csr = dir.resolve(name + "-" + leaf + ".csr");
        Path cert = dir.resolve(name + "-" + leaf + ".pem");
        Path ext = Files.writeString(
                dir.resolve(name + "-" + leaf + ".ext"),
                "basicConstraints=CA:FALSE\nsubjectAltName=" + subjectAltName + "\n");
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        openssl(dir, "req", "-new", "-key", key.toString(), "-subj", "/CN=" + leaf, "-out", csr.toString());
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                caCert.toString(),
                "-CAkey",
                caKey.toString(),
                "-set_serial",
                Long.toString(System.nanoTime()),
                "-days",
                "2",
                "-extfile",
                ext.toString(),
                "-out",
                cert.toString());
        return new Issued(cert, key);
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        }
    }
}
