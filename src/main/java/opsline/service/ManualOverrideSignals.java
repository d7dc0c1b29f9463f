package opsline.service;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A status set by hand: decisive while in force. */
@Singleton
class ManualOverrideSignals implements StatusSignalSource {

    static final String SOURCE = "manual";

    @Override
    public Map<UUID, List<StatusSignal>> signals(Collection<Service> services) {
        return services.stream()
                .filter(service -> service.statusOverride() != null)
                .collect(Collectors.toMap(Service::id, service -> List.of(signal(service.statusOverride()))));
    }

    private static StatusSignal signal(StatusOverride override) {
        return new StatusSignal(SOURCE, override.status(), override.reason() + " (set by " + override.setBy() + ")", true);
    }
}
