package opsline.check;

import jakarta.inject.Singleton;
import opsline.service.Service;
import opsline.service.ServiceStatus;
import opsline.service.StatusSignal;
import opsline.service.StatusSignalSource;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Checks' say in their service's status. Of a service's checks that are running and have a verdict
 * (not paused, not yet UNKNOWN): all DOWN makes a MAJOR_OUTAGE, some DOWN a PARTIAL_OUTAGE, any DEGRADED
 * a DEGRADED_PERFORMANCE.
 */
@Singleton
class CheckSignals implements StatusSignalSource {

    static final String SOURCE = "checks";

    private final CheckRepository checks;

    CheckSignals(CheckRepository checks) {
        this.checks = checks;
    }

    @Override
    public Map<UUID, List<StatusSignal>> signals(Collection<Service> services) {
        if (services.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Check>> byService = checks.findByServiceIds(services.stream().map(Service::id).toList()).stream()
                .filter(check -> check.state() == CheckState.UP || check.state() == CheckState.DEGRADED || check.state() == CheckState.DOWN)
                .collect(Collectors.groupingBy(Check::serviceId));
        Map<UUID, List<StatusSignal>> signals = new HashMap<>();
        byService.forEach((serviceId, judged) -> signal(judged).ifPresent(signal -> signals.put(serviceId, List.of(signal))));
        return signals;
    }

    private static Optional<StatusSignal> signal(List<Check> judged) {
        List<Check> down = judged.stream().filter(check -> check.state() == CheckState.DOWN).toList();
        List<Check> degraded = judged.stream().filter(check -> check.state() == CheckState.DEGRADED).toList();
        if (!down.isEmpty() && down.size() == judged.size()) {
            return Optional.of(new StatusSignal(SOURCE, ServiceStatus.MAJOR_OUTAGE,
                    (judged.size() == 1 ? "check " : "all checks ") + names(down) + " down", false));
        }
        if (!down.isEmpty()) {
            return Optional.of(new StatusSignal(SOURCE, ServiceStatus.PARTIAL_OUTAGE,
                    down.size() + " of " + judged.size() + " checks down: " + names(down), false));
        }
        if (!degraded.isEmpty()) {
            return Optional.of(new StatusSignal(SOURCE, ServiceStatus.DEGRADED_PERFORMANCE,
                    "degraded: " + names(degraded), false));
        }
        return Optional.empty();
    }

    private static String names(List<Check> checks) {
        return checks.stream().map(check -> "'" + check.name() + "'").collect(Collectors.joining(", "));
    }
}
