package opsline.incident;

import io.micronaut.core.annotation.Introspected;
import opsline.service.ServiceStatus;

import java.util.UUID;

/**
 * A service an incident affects, and the status it gives the service while open.
 *
 * @param servicePublic whether the service is public: anonymous viewers see only those
 */
@Introspected
public record AffectedService(UUID incidentId, UUID serviceId, ServiceStatus impact, boolean servicePublic) {
}
