package opsline.incident;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.UUID;

/** Who holds a role in an incident's response. */
@Introspected
public record RoleAssignment(UUID incidentId, IncidentRole role, String assignee, Instant assignedAt) {
}
