package opsline.check;

import opsline.check.probe.DnsProbe;
import opsline.check.probe.ProbeRunner;
import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Everything about a check a person edits, with the rules it must keep. */
public record CheckFields(
        String name,
        CheckKind kind,
        String target,
        int intervalSeconds,
        int timeoutSeconds,
        int failureThreshold,
        int successThreshold,
        Integer degradedLatencyMs,
        Integer graceSeconds,
        List<String> conditions,
        CheckSettings settings) {

    public static final int DEFAULT_INTERVAL = 60;
    public static final int DEFAULT_TIMEOUT = 10;
    /** The seeds alert after two failures in a row. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 2;
    public static final int DEFAULT_GRACE = 60;

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client sets itself and refuses to take from a check. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public CheckFields {
        name = name == null ? null : name.trim();
        target = target == null || target.isBlank() ? null : target.trim();
        conditions = conditions == null ? List.of() : conditions.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
        settings = settings == null ? CheckSettings.NONE : settings;
    }

    Problems validate() {
        Problems problems = new Problems().text("name", name, 100);
        if (kind == null) {
            return problems.add("kind", "Kind is required.", UserErrorCode.REQUIRED);
        }
        validateTarget(problems);
        range(problems, "intervalSeconds", intervalSeconds, 5, 86_400);
        range(problems, "timeoutSeconds", timeoutSeconds, 1, 120);
        if (kind != CheckKind.HEARTBEAT && timeoutSeconds >= intervalSeconds) {
            problems.add("timeoutSeconds", "The timeout must be shorter than the interval.", UserErrorCode.INVALID);
        }
        range(problems, "failureThreshold", failureThreshold, 1, 100);
        range(problems, "successThreshold", successThreshold, 1, 100);
        if (degradedLatencyMs != null) {
            range(problems, "degradedLatencyMs", degradedLatencyMs, 1, 600_000);
        }
        if (graceSeconds != null) {
            range(problems, "graceSeconds", graceSeconds, 0, 86_400);
        }
        if (conditions.size() > 50) {
            problems.add("conditions", "A check can have at most 50 conditions.", UserErrorCode.INVALID);
        }
        for (int i = 0; i < conditions.size(); i++) {
            for (String message : ProbeRunner.problems(List.of(conditions.get(i)))) {
                problems.add("conditions." + i, message, UserErrorCode.INVALID);
            }
        }
        validateSettings(problems);
        return problems;
    }

    private void validateTarget(Problems problems) {
        if (kind == CheckKind.HEARTBEAT) {
            if (target != null) {
                problems.add("target", "A heartbeat check has no target: jobs ping its URL.", UserErrorCode.INVALID);
            }
            return;
        }
        if (target == null) {
            problems.add("target", "Target is required, for example " + example() + ".", UserErrorCode.REQUIRED);
            return;
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            problems.add("target", "'" + target + "' is not a valid URL; write it like " + example() + ".", UserErrorCode.INVALID);
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeFits = switch (kind) {
            case HTTP -> scheme.equals("http") || scheme.equals("https");
            case TCP -> scheme.equals("tcp");
            case POSTGRES -> scheme.equals("postgresql") || scheme.equals("postgres");
            case DNS -> scheme.equals("dns");
            case TLS_CERT -> scheme.equals("tls");
            case HEARTBEAT -> false;
        };
        if (!schemeFits || uri.getHost() == null) {
            problems.add("target", "A " + kind + " target looks like " + example() + "; got '" + target + "'.", UserErrorCode.INVALID);
            return;
        }
        if (kind == CheckKind.TCP && uri.getPort() == -1) {
            problems.add("target", "A TCP target needs a port, for example tcp://" + uri.getHost() + ":5432.", UserErrorCode.INVALID);
        }
        boolean passwordInQuery = uri.getRawQuery() != null
                && Pattern.compile("(^|&)(ssl)?password=", Pattern.CASE_INSENSITIVE).matcher(uri.getRawQuery()).find();
        if (kind == CheckKind.POSTGRES && (passwordInQuery || uri.getUserInfo() != null && uri.getUserInfo().contains(":"))) {
            problems.add("target", "Keep the password out of the target: put it in an environment variable and name it in passwordEnv.",
                    UserErrorCode.INVALID);
        }
        if (kind == CheckKind.DNS) {
            String type = DnsProbe.type(uri);
            if (!DnsProbe.TYPES.contains(type)) {
                problems.add("target", "DNS record type '" + type + "' is not one of " + DnsProbe.TYPES + ".", UserErrorCode.INVALID);
            }
        }
        if (target.length() > 2048) {
            problems.add("target", "Target must be at most 2048 characters.", UserErrorCode.INVALID);
        }
    }

    private void validateSettings(Problems problems) {
        if (settings.method() != null && !METHODS.contains(settings.method().toUpperCase(Locale.ROOT))) {
            problems.add("method", "Method must be one of " + METHODS + ".", UserErrorCode.INVALID);
        }
        List<Header> headers = settings.headersOrEmpty();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.get(i).name();
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                problems.add("headers." + i + ".name", "Not a valid HTTP header name: '" + name + "'.", UserErrorCode.INVALID);
            } else if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("headers." + i + ".name", "'" + name + "' is set by the HTTP client itself and cannot be configured.",
                        UserErrorCode.INVALID);
            }
        }
        if (settings.expectedStatus() != null) {
            range(problems, "expectedStatus", settings.expectedStatus(), 100, 599);
        }
        if (settings.passwordEnv() != null && !ENV_NAME.matcher(settings.passwordEnv()).matches()) {
            problems.add("passwordEnv", "Name an environment variable, such as CHECKS_DB_PASSWORD.", UserErrorCode.INVALID);
        }
        if (settings.certificateWarningDays() != null) {
            range(problems, "certificateWarningDays", settings.certificateWarningDays(), 1, 365);
        }
    }

    private String example() {
        return switch (kind) {
            case HTTP -> "https://api.example.com/health";
            case TCP -> "tcp://db.example.com:5432";
            case POSTGRES -> "postgresql://monitor@db.example.com:5432/app";
            case DNS -> "dns://api.example.com?type=A";
            case TLS_CERT -> "tls://api.example.com:443";
            case HEARTBEAT -> "no target";
        };
    }

    private static void range(Problems problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field, field + " must be between " + min + " and " + max + "; got " + value + ".", UserErrorCode.INVALID);
        }
    }
}
