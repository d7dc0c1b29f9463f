package opsline.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A feature that has a say in services' statuses: manual overrides today; checks, incidents,
 * maintenance and backups as they arrive. Each is a bean of this type and knows nothing of the others.
 */
public interface StatusSignalSource {

    /** The signals for each of these services, by service id; a service with none may be left out. */
    Map<UUID, List<StatusSignal>> signals(Collection<Service> services);
}
