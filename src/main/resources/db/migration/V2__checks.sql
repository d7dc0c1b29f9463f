-- Health checks: definitions with their live state and schedule, raw results, transitions, rollups.

create table service_check (
    id                     uuid primary key,
    service_id             uuid not null references service (id) on delete cascade,
    name                   text not null,
    kind                   text not null check (kind in ('HTTP', 'TCP', 'POSTGRES', 'DNS', 'TLS_CERT', 'HEARTBEAT')),
    target                 text,
    -- Kind-specific settings (method, headers, body, expected status, query, ...), see CheckSettings.
    settings               jsonb not null default '{}',
    conditions             jsonb not null default '[]',
    interval_seconds       integer not null check (interval_seconds between 5 and 86400),
    timeout_seconds        integer not null check (timeout_seconds between 1 and 120),
    failure_threshold      integer not null check (failure_threshold between 1 and 100),
    success_threshold      integer not null check (success_threshold between 1 and 100),
    degraded_latency_ms    integer,
    grace_seconds          integer,
    ping_key               text unique,
    paused                 boolean not null default false,
    -- Live state, changed only by results (and pausing).
    state                  text not null default 'UNKNOWN',
    state_since            timestamptz not null,
    consecutive_failures   integer not null default 0,
    consecutive_successes  integer not null default 0,
    last_checked_at        timestamptz,
    last_ping_at           timestamptz,
    ping_started_at        timestamptz,
    -- Scheduling: the next due run, and the instance holding it while it runs.
    next_run_at            timestamptz not null,
    lease_owner            text,
    lease_until            timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    constraint service_check_name_key unique (service_id, name),
    -- Opsline reads these as a list and an object; a row it could not read would stall every claim.
    constraint service_check_conditions_list check (jsonb_typeof(conditions) = 'array'),
    constraint service_check_settings_object check (jsonb_typeof(settings) = 'object')
);
create index service_check_due_idx on service_check (next_run_at) where not paused;
create index service_check_service_idx on service_check (service_id);

-- Raw results, one partition per UTC day, so retention drops whole partitions instead of deleting rows.
-- Kept lean (this is the table that grows): no primary key index, details only when they say something.
create table check_result (
    id            bigserial,
    check_id      uuid not null references service_check (id) on delete cascade,
    checked_at    timestamptz not null,
    success       boolean not null,
    -- UP, DEGRADED or DOWN: this result alone; check_state: the check's state after it.
    outcome       text not null,
    check_state   text not null,
    latency_ms    integer not null,
    http_status   integer,
    message       text not null,
    details       jsonb
) partition by range (checked_at);
create index check_result_check_idx on check_result (check_id, checked_at desc);
create table check_result_default partition of check_result default;

create table check_transition (
    id          bigserial primary key,
    check_id    uuid not null references service_check (id) on delete cascade,
    service_id  uuid not null references service (id) on delete cascade,
    from_state  text not null,
    to_state    text not null,
    reason      text not null,
    at          timestamptz not null
);
create index check_transition_check_idx on check_transition (check_id, at desc);
create index check_transition_service_idx on check_transition (service_id, at desc);

-- Hourly and daily aggregates, updated as results are written; latency as a histogram over fixed
-- bucket bounds (LatencyHistogram) so percentiles can be combined across hours and checks.
create table check_rollup (
    check_id       uuid not null references service_check (id) on delete cascade,
    period         text not null check (period in ('HOUR', 'DAY')),
    period_start   timestamptz not null,
    runs           integer not null,
    failures       integer not null,
    degraded       integer not null,
    down           integer not null,
    latency_max    integer not null,
    latency_bins   integer[] not null,
    primary key (check_id, period, period_start)
);
create index check_rollup_period_idx on check_rollup (period, period_start);

-- Element-wise sum of two histograms of the same length.
create function histogram_add(a integer[], b integer[]) returns integer[]
language sql immutable as $$
    select array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) order by i)
    from generate_series(1, greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0))) as i
$$;

create aggregate histogram_sum(integer[]) (sfunc = histogram_add, stype = integer[]);

-- When background work (rollup retention, partition upkeep) last ran, so one instance does it once.
create table background_job (
    name         text primary key,
    last_run_at  timestamptz,
    lease_owner  text,
    lease_until  timestamptz
);
