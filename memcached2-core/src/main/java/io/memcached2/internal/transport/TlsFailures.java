package io.memcached2.internal.transport;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in plain words why a TLS connection failed. The JDK's messages are precise but cryptic ("unable to find
 * valid certification path to requested target"), so the usual causes are named first and the JDK's words follow.
 */
final class TlsFailures {
    private TlsFailures() {}

    /** @return whether {@code t} or one of its causes is a TLS failure */
    static boolean isTls(Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof SSLException || c instanceof NotSslRecordException) {
                return true;
            }
        }
        return false;
    }

    /** @return for example "unknown CA (PKIX path building failed: unable to find valid certification path ...)" */
    static String explain(Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof NotSslRecordException) {
                // Netty's message is a hex dump of the bytes, which helps nobody and may be long
                return "not a TLS record: the bytes were corrupted on the way, or the port does not speak TLS";
            }
        }
        String detail = TlsContexts.rootMessage(t);
        String reason = reason(t, detail);
        return reason != null ? reason + " (" + detail + ")" : detail;
    }

    private static String reason(Throwable t, String detail) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return "certificate expired or not yet valid";
            }
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return "unknown CA: the server's certificate is not signed by a trusted CA (PKIX path building failed)";
            }
        }
        String d = detail.toLowerCase(Locale.ROOT);
        if (d.contains("no subject alternative") || d.contains("no name matching")) {
            return "host name mismatch: the server's certificate is not issued for the name or address connected to";
        }
        if (d.contains("protocol_version") || d.contains("no appropriate protocol")) {
            return "protocol version refused: client and server have no TLS version in common";
        }
        if (d.contains("certificate_required")) {
            return "the server requires a client certificate (mutual TLS) and none was sent: none is configured,"
                    + " or the configured one is not issued by a CA the server accepts";
        }
        if (d.contains("unknown_ca") || d.contains("bad_certificate") || d.contains("certificate_unknown")) {
            return "the server refused the client certificate";
        }
        if (d.contains("handshake_failure")) {
            return "handshake refused: no cipher suite or protocol in common";
        }
        if (d.contains("bad_record_mac") || d.contains("tag mismatch") || d.contains("decrypt")) {
            return "corrupted TLS record: integrity check failed";
        }
        return null;
    }

    private static Throwable next(Throwable c) {
        return c.getCause() == c ? null : c.getCause();
    }
}
