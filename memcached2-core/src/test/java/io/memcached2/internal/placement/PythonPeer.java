package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.memcached2.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Python memcached client (Debian's python3, not pyenv's) to store keys, through store_keys.py. */
final class PythonPeer {
    static final String PYTHON = "/usr/bin/python3";

    /** A client and the Debian package that provides it. */
    enum Client {
        PYTHON_MEMCACHED("python-memcached", "python3-memcache"),
        PYLIBMC_KETAMA("pylibmc-ketama", "python3-pylibmc"),
        PYLIBMC_KETAMA_WEIGHTED("pylibmc-ketama-weighted", "python3-pylibmc");

        final String mode;
        final String debianPackage;

        Client(String mode, String debianPackage) {
            this.mode = mode;
            this.debianPackage = debianPackage;
        }
    }

    private PythonPeer() {}

    /**
     * Stores every key through the client and returns how many it reported stored.
     *
     * @param servers the servers, with weights, in the client's configuration order
     */
    static int store(Client client, List<ServerAddress> servers, List<String> keys) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail("Debian's python3 is missing at " + PYTHON + ": install the Debian package python3 and "
                    + client.debianPackage);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(), client.mode));
        for (ServerAddress s : servers) {
            command.add(s.host() + ":" + s.port() + ":" + s.weight());
        }
        try {
            Path errors = Files.createTempFile("store_keys", ".err");
            errors.toFile().deleteOnExit();
            Process process =
                    new ProcessBuilder(command).redirectError(errors.toFile()).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("%s finished within 60 s", client.mode)
                    .isTrue();
            String err = Files.readString(errors).trim();
            if (process.exitValue() == 3) {
                fail("the Python client " + client.mode + " is missing (" + err + "): install the Debian package "
                        + client.debianPackage);
            }
            assertThat(process.exitValue())
                    .as("%s exit status; stderr: %s", client.mode, err)
                    .isZero();
            return Integer.parseInt(out);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + client.mode, e);
        }
    }

    private static Path script() {
        try (InputStream in = PythonPeer.class.getResourceAsStream("store_keys.py")) {
            Path file = Files.createTempFile("store_keys", ".py");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("copying store_keys.py out of the test resources", e);
        }
    }
}
