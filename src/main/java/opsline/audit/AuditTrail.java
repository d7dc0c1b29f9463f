package opsline.audit;

import jakarta.inject.Singleton;
import opsline.security.Role;
import opsline.security.Viewer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes and reads the record of every mutation. */
@Singleton
public class AuditTrail {

    static final String REDACTED = "[REDACTED]";
    private static final Pattern SECRET_NAME = Pattern.compile(".*(secret|password|token|credential|apikey).*");

    private final AuditRepository records;
    private final Clock clock;

    public AuditTrail(AuditRepository records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Writes in the caller's transaction, so the record and the change commit or roll back together. */
    public void record(Viewer viewer, String operation, Map<String, Object> arguments, AuditOutcome outcome, String message) {
        records.save(new AuditRecord(null, clock.instant(), viewer.name(), viewer.role(), viewer.tokenId(),
                operation, redact(arguments), outcome, message));
    }

    public List<AuditRecord> page(Viewer viewer, Long beforeId, String operation, String actor, int limit) {
        viewer.require(Role.ADMIN);
        return records.page(beforeId, operation, actor, limit);
    }

    public long count(Viewer viewer, String operation, String actor) {
        viewer.require(Role.ADMIN);
        return records.countMatching(operation, actor);
    }

    /** Replaces the value of every argument whose name suggests a secret, at any depth. */
    static Map<String, Object> redact(Map<String, Object> arguments) {
        Map<String, Object> safe = new LinkedHashMap<>();
        arguments.forEach((name, value) -> safe.put(name, isSecret(name) && value != null ? REDACTED : redactValue(value)));
        return safe;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditTrail::redactValue).toList();
        }
        return value;
    }

    private static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }
}
