package opsline.check.probe;

import opsline.check.Check;
import opsline.check.CheckKind;
import opsline.check.CheckSettings;
import opsline.check.CheckState;
import opsline.check.Header;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Check records for probe tests: a 5 s timeout, no conditions and default settings unless a method says otherwise. */
final class CheckBuilder {

    private final CheckKind kind;
    private final String target;
    private int intervalSeconds = 60;
    private int timeoutSeconds = 5;
    private Integer degradedLatencyMs;
    private Integer graceSeconds;
    private List<String> conditions = List.of();
    private Instant createdAt = Instant.now();
    private Instant lastPingAt;
    private String method;
    private final List<Header> headers = new ArrayList<>();
    private String body;
    private Boolean followRedirects;
    private Boolean verifyTls;
    private Integer expectedStatus;
    private String query;
    private String expectedValue;
    private String passwordEnv;
    private Integer certificateWarningDays;

    private CheckBuilder(CheckKind kind, String target) {
        this.kind = kind;
        this.target = target;
    }

    static CheckBuilder check(CheckKind kind, String target) {
        return new CheckBuilder(kind, target);
    }

    static CheckBuilder http(String url) {
        return new CheckBuilder(CheckKind.HTTP, url);
    }

    static CheckBuilder tcp(String target) {
        return new CheckBuilder(CheckKind.TCP, target);
    }

    static CheckBuilder postgres(String target) {
        return new CheckBuilder(CheckKind.POSTGRES, target);
    }

    static CheckBuilder dns(String target) {
        return new CheckBuilder(CheckKind.DNS, target);
    }

    static CheckBuilder tls(String target) {
        return new CheckBuilder(CheckKind.TLS_CERT, target);
    }

    static CheckBuilder heartbeat() {
        return new CheckBuilder(CheckKind.HEARTBEAT, null);
    }

    CheckBuilder intervalSeconds(int seconds) {
        intervalSeconds = seconds;
        return this;
    }

    CheckBuilder timeoutSeconds(int seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    CheckBuilder degradedLatencyMs(Integer millis) {
        degradedLatencyMs = millis;
        return this;
    }

    CheckBuilder graceSeconds(Integer seconds) {
        graceSeconds = seconds;
        return this;
    }

    CheckBuilder conditions(String... texts) {
        conditions = List.of(texts);
        return this;
    }

    CheckBuilder createdAt(Instant at) {
        createdAt = at;
        return this;
    }

    CheckBuilder lastPingAt(Instant at) {
        lastPingAt = at;
        return this;
    }

    CheckBuilder method(String name) {
        method = name;
        return this;
    }

    CheckBuilder header(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    CheckBuilder body(String text) {
        body = text;
        return this;
    }

    CheckBuilder followRedirects(boolean follow) {
        followRedirects = follow;
        return this;
    }

    CheckBuilder verifyTls(boolean verify) {
        verifyTls = verify;
        return this;
    }

    CheckBuilder expectedStatus(Integer status) {
        expectedStatus = status;
        return this;
    }

    CheckBuilder query(String sql) {
        query = sql;
        return this;
    }

    CheckBuilder expectedValue(String value) {
        expectedValue = value;
        return this;
    }

    CheckBuilder passwordEnv(String variable) {
        passwordEnv = variable;
        return this;
    }

    CheckBuilder certificateWarningDays(Integer days) {
        certificateWarningDays = days;
        return this;
    }

    Check build() {
        CheckSettings settings = new CheckSettings(method, headers.isEmpty() ? null : List.copyOf(headers), body, followRedirects,
                verifyTls, expectedStatus, query, expectedValue, passwordEnv, certificateWarningDays);
        return new Check(UUID.randomUUID(), UUID.randomUUID(), "test " + kind, kind, target, settings, conditions,
                intervalSeconds, timeoutSeconds, 2, 1, degradedLatencyMs, graceSeconds, null, false,
                CheckState.UNKNOWN, createdAt, 0, 0, null, lastPingAt, null, createdAt, null, null, createdAt, createdAt);
    }
}
