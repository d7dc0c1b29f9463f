package opsline.check;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The kind-specific part of a check, stored as JSON. Fields that do not apply to a kind are null.
 *
 * @param method                  HTTP: request method
 * @param headers                 HTTP: request headers
 * @param body                    HTTP: request body
 * @param followRedirects         HTTP: follow 3xx answers
 * @param verifyTls               HTTP: reject invalid certificates
 * @param expectedStatus          HTTP: the status that counts as success when no condition names [STATUS]
 * @param query                   POSTGRES: the query to run
 * @param expectedValue           POSTGRES: the first column of the first row, as text; DNS: an expected answer
 * @param passwordEnv             POSTGRES: the environment variable holding the password (never stored)
 * @param certificateWarningDays  TLS_CERT and HTTPS: DEGRADED when the certificate expires within this many days
 */
@Serdeable
public record CheckSettings(
        @Nullable String method,
        @Nullable List<Header> headers,
        @Nullable String body,
        @Nullable Boolean followRedirects,
        @Nullable Boolean verifyTls,
        @Nullable Integer expectedStatus,
        @Nullable String query,
        @Nullable String expectedValue,
        @Nullable String passwordEnv,
        @Nullable Integer certificateWarningDays) {

    public static final CheckSettings NONE = new CheckSettings(null, null, null, null, null, null, null, null, null, null);

    public List<Header> headersOrEmpty() {
        return headers == null ? List.of() : headers;
    }
}
