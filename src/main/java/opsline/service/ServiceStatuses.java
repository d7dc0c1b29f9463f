package opsline.service;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place a service's status is decided: a decisive signal (a human's override) when there is
 * one, otherwise the worst status any signal asks for, otherwise {@code OPERATIONAL}.
 */
@Singleton
public class ServiceStatuses {

    private final List<StatusSignalSource> sources;

    public ServiceStatuses(List<StatusSignalSource> sources) {
        this.sources = sources;
    }

    /** The state of each service, by id, asking every source once for the whole batch. */
    public Map<UUID, ServiceState> of(Collection<Service> services) {
        Map<UUID, List<StatusSignal>> signals = new HashMap<>();
        for (StatusSignalSource source : sources) {
            source.signals(services).forEach((id, found) -> signals.computeIfAbsent(id, key -> new ArrayList<>()).addAll(found));
        }
        Map<UUID, ServiceState> states = new HashMap<>();
        for (Service service : services) {
            List<StatusSignal> own = signals.getOrDefault(service.id(), List.of());
            states.put(service.id(), new ServiceState(resolve(own), List.copyOf(own)));
        }
        return states;
    }

    static ServiceStatus resolve(List<StatusSignal> signals) {
        ServiceStatus worst = ServiceStatus.OPERATIONAL;
        for (StatusSignal signal : signals) {
            if (signal.decisive()) {
                return signal.status();
            }
            worst = worst.worse(signal.status());
        }
        return worst;
    }
}
