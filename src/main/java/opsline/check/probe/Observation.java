package opsline.check.probe;

import java.time.Instant;
import java.util.List;

/**
 * What a probe saw, before any judgement. Fields a probe kind does not produce are null.
 *
 * @param reached               whether the target answered at all (TCP connected, HTTP responded, ...)
 * @param latencyMs             time from start until the answer, or until the probe gave up
 * @param error                 why the target was not reached, in words; null when it was
 * @param httpStatus            HTTP status code
 * @param body                  HTTP response body, at most the configured cap
 * @param bodyTruncated         the body was longer than the cap and was cut
 * @param certificateExpiresAt  earliest expiry in the server's certificate chain (TLS)
 * @param certificateProblem    why the certificate is not valid, or null
 * @param values                DNS answers, or the PostgreSQL query's first value
 * @param dnsCode               DNS response code name, such as NOERROR or NXDOMAIN
 */
public record Observation(
        boolean reached,
        long latencyMs,
        String error,
        Integer httpStatus,
        byte[] body,
        boolean bodyTruncated,
        Instant certificateExpiresAt,
        String certificateProblem,
        List<String> values,
        String dnsCode) {

    /**
     * Text from a target made storable: PostgreSQL refuses NUL characters in text and JSON, and one
     * such character would cost a whole batch of results its place.
     */
    static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    public static Observation unreachable(long latencyMs, String error) {
        return new Observation(false, latencyMs, error, null, null, false, null, null, List.of(), null);
    }

    public static Observation reached(long latencyMs) {
        return new Observation(true, latencyMs, null, null, null, false, null, null, List.of(), null);
    }

    public Observation withValues(List<String> found, String code) {
        return new Observation(reached, latencyMs, error, httpStatus, body, bodyTruncated, certificateExpiresAt,
                certificateProblem, List.copyOf(found), code);
    }

    public Observation withCertificate(Instant expiresAt, String problem) {
        return new Observation(reached, latencyMs, error, httpStatus, body, bodyTruncated, expiresAt, problem, values, dnsCode);
    }
}
