package opsline.check;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import opsline.check.probe.ConditionResult;
import opsline.check.probe.HealthComponent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored run of a check (written by the scheduler's recorder, read here).
 *
 * @param outcome    UP, DEGRADED or DOWN for this run alone
 * @param checkState the check's state after this run
 */
@MappedEntity("check_result")
public record CheckResult(
        @Id Long id,
        UUID checkId,
        Instant checkedAt,
        boolean success,
        CheckState outcome,
        CheckState checkState,
        int latencyMs,
        @Nullable Integer httpStatus,
        String message,
        @Nullable @TypeDef(type = DataType.JSON) Details details) {

    /** Each condition's verdict and any health components the body listed. */
    @Serdeable
    public record Details(@Nullable List<ConditionResult> conditions, @Nullable List<HealthComponent> components) {
    }

    public List<ConditionResult> conditions() {
        return details == null || details.conditions() == null ? List.of() : details.conditions();
    }

    public List<HealthComponent> components() {
        return details == null || details.components() == null ? List.of() : details.components();
    }
}
