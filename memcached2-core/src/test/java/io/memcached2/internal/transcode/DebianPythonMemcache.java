package io.memcached2.internal.transcode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real python-memcached client of Debian's {@code python3-memcache} package through {@code /usr/bin/python3}
 * (not a python on PATH, which may lack Debian's packages). Operations are batched into one process run: each
 * {@code set} line stores a value of a python type, each {@code get} line prints the python type read and the value.
 */
final class DebianPythonMemcache {
    static final String PYTHON = "/usr/bin/python3";
    static final String PACKAGE = "python3-memcache";

    private static final String SCRIPT = """
            import base64, sys, memcache
            mc = memcache.Client([sys.argv[1]])
            for line in sys.stdin.read().splitlines():
                op, key, rest = line.split(' ', 2)
                if op == 'set':
                    kind, min_compress, payload = rest.split(' ')
                    raw = base64.b64decode(payload)
                    value = {'str': lambda: raw.decode('utf-8'), 'bytes': lambda: raw,
                             'int': lambda: int(raw), 'dict': lambda: {'pickled': raw.decode('utf-8')}}[kind]()
                    if not mc.set(key, value, min_compress_len=int(min_compress)):
                        sys.exit('set %s failed' % key)
                else:
                    value = mc.get(key)
                    kind = type(value).__name__
                    raw = value.encode('utf-8') if kind == 'str' else str(value).encode('ascii') if kind == 'int' else value
                    print(kind, base64.b64encode(raw or b'').decode('ascii'))
            """;

    private final String server;
    private final List<String> lines = new ArrayList<>();

    /** @param hostAndPort the server, as python-memcached names it */
    DebianPythonMemcache(String hostAndPort) {
        this.server = hostAndPort;
    }

    /** Stores a python value of the given kind (str, bytes, int, dict) whose payload is these bytes. */
    DebianPythonMemcache set(String key, String kind, byte[] payload, int minCompressLen) {
        lines.add("set " + key + " " + kind + " " + minCompressLen + " " + base64(payload));
        return this;
    }

    DebianPythonMemcache get(String key) {
        lines.add("get " + key + " -");
        return this;
    }

    /** @return one "type base64" line per get, in order */
    List<String> run() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " is missing: install the Debian packages python3 and " + PACKAGE);
        }
        Process python = new ProcessBuilder(PYTHON, "-c", SCRIPT, server).start();
        python.getOutputStream().write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError("python-memcached peer did not finish within 30 s");
        }
        if (err.contains("No module named 'memcache'")) {
            throw new AssertionError("python-memcached is missing: install the Debian package " + PACKAGE);
        }
        if (python.exitValue() != 0) {
            throw new AssertionError("python-memcached peer failed (exit " + python.exitValue() + "): " + err);
        }
        return new String(out, StandardCharsets.US_ASCII).lines().toList();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
