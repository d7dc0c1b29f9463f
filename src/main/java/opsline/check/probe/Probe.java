package opsline.check.probe;

import opsline.check.Check;
import opsline.check.CheckKind;

import java.util.concurrent.CompletableFuture;

/**
 * One kind of check: looks at the target and reports what it saw. An observation must arrive within
 * the check's timeout; failures to reach the target are observations too, not exceptions.
 * To add a kind, see docs/checks.md.
 */
public interface Probe {

    CheckKind kind();

    CompletableFuture<Observation> observe(Check check);
}
