package opsline.check.probe;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns what went wrong in a probe into words an operator understands at a glance. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure, Duration timeout, String host) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException || cause instanceof CancellationException
                || cause instanceof java.net.SocketTimeoutException) {
            return cause instanceof HttpConnectTimeoutException
                    ? "connect timed out after " + seconds(timeout) : "timed out after " + seconds(timeout);
        }
        if (causedBy(failure, UnknownHostException.class) || causedBy(failure, UnresolvedAddressException.class)) {
            return "host '" + host + "' does not resolve";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host '" + host + "'";
        }
        if (cause instanceof SSLException) {
            return "TLS error: " + tlsReason(failure);
        }
        String message = cause.getMessage();
        if (message != null && message.toLowerCase().contains("too many redirects")) {
            return "too many redirects (a redirect loop?)";
        }
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String tlsReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("PKIX path building failed") || message.contains("unable to find valid certification path")) {
                return "certificate not trusted (self-signed or unknown issuer)";
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return "certificate does not name this host";
            }
        }
        return String.valueOf(unwrap(failure).getMessage());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
