package opsline.check;

/** What a check probes, and how its {@code target} is written. */
public enum CheckKind {
    /** {@code https://host/health}: an HTTP(S) request. */
    HTTP,
    /** {@code tcp://host:5432}: a TCP connect. */
    TCP,
    /** {@code postgresql://user@host:5432/db}: a query over JDBC. */
    POSTGRES,
    /** {@code dns://name?type=A}: a DNS lookup. */
    DNS,
    /** {@code tls://host:443}: the server certificate's validity and expiry. */
    TLS_CERT,
    /** No target: a job pings the check's URL; silence past interval and grace is a failure. */
    HEARTBEAT
}
