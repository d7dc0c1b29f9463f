package opsline.incident;

import jakarta.inject.Singleton;
import opsline.service.Service;
import opsline.service.StatusSignal;
import opsline.service.StatusSignalSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** An open incident gives each service it affects its impact as a status signal, until resolved. */
@Singleton
class IncidentSignals implements StatusSignalSource {

    static final String SOURCE = "incident";

    private final IncidentRepository incidents;

    IncidentSignals(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public Map<UUID, List<StatusSignal>> signals(Collection<Service> services) {
        if (services.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<StatusSignal>> signals = new HashMap<>();
        incidents.openImpacts(services.stream().map(Service::id).collect(Collectors.toSet())).forEach(impact ->
                signals.computeIfAbsent(impact.serviceId(), key -> new ArrayList<>())
                        .add(new StatusSignal(SOURCE, impact.impact(), reason(impact), false)));
        return signals;
    }

    /** Signals are read by anonymous viewers too: an internal incident is not named. */
    private static String reason(OpenImpact impact) {
        return impact.visibility() == Visibility.INTERNAL ? "An internal incident"
                : Incident.PREFIX + impact.number() + ": " + impact.title();
    }
}
