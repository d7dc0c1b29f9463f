-- Incidents, their timelines and post-mortems; console sign-in.

create sequence incident_number_seq;

create table incident (
    id               uuid primary key,
    -- The human number, INC-<number>: a sequence, so unique across instances.
    number           bigint not null unique default nextval('incident_number_seq'),
    title            text not null,
    severity         text not null check (severity in ('P1', 'P2', 'P3', 'P4')),
    status           text not null check (status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED')),
    visibility       text not null check (visibility in ('PUBLIC', 'INTERNAL')),
    source           text not null check (source in ('MANUAL', 'CHECK', 'INTEGRATION')),
    -- An integration's deduplication key (Alertmanager's groupKey); for CHECK, the service.
    source_key       text,
    auto_service_id  uuid references service (id) on delete set null,
    declared_by      text not null,
    started_at       timestamptz not null,
    declared_at      timestamptz not null,
    acknowledged_at  timestamptz,
    mitigated_at     timestamptz,
    resolved_at      timestamptz,
    postmortem       jsonb not null default '{}',
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint incident_postmortem_object check (jsonb_typeof(postmortem) = 'object')
);
create index incident_status_idx on incident (status, number desc);
-- At most one open automatic incident per service, whatever races between instances.
create unique index incident_one_open_automatic on incident (auto_service_id) where source = 'CHECK' and status <> 'RESOLVED';
-- At most one open incident per integration key: redelivered alerts update it instead of opening another.
create unique index incident_one_open_per_key on incident (source_key) where source = 'INTEGRATION' and status <> 'RESOLVED';

create table incident_service (
    incident_id  uuid not null references incident (id) on delete cascade,
    service_id   uuid not null references service (id) on delete cascade,
    impact       text not null,
    primary key (incident_id, service_id)
);
create index incident_service_service_idx on incident_service (service_id);

create table incident_role (
    incident_id  uuid not null references incident (id) on delete cascade,
    role         text not null check (role in ('COMMANDER', 'COMMUNICATIONS_LEAD', 'SCRIBE')),
    assignee     text not null,
    assigned_at  timestamptz not null,
    primary key (incident_id, role)
);

create table timeline_entry (
    id            uuid primary key,
    incident_id   uuid not null references incident (id) on delete cascade,
    kind          text not null,
    body          text not null,
    visibility    text not null check (visibility in ('PUBLIC', 'INTERNAL')),
    -- For a status update: the incident's status when it was posted.
    status        text,
    author        text not null,
    occurred_at   timestamptz not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       integer not null default 1,
    redacted_at   timestamptz,
    redacted_by   text,
    -- Entries made from outside (alerts, check transitions) carry a key so a redelivery adds nothing.
    source_key    text
);
create index timeline_entry_incident_idx on timeline_entry (incident_id, occurred_at desc, id);
create unique index timeline_entry_source_key on timeline_entry (incident_id, source_key) where source_key is not null;

-- Every version an entry had before an edit or redaction.
create table timeline_edit (
    id           bigserial primary key,
    entry_id     uuid not null references timeline_entry (id) on delete cascade,
    version      integer not null,
    body         text not null,
    occurred_at  timestamptz not null,
    edited_by    text not null,
    edited_at    timestamptz not null
);
create index timeline_edit_entry_idx on timeline_edit (entry_id, version);

create table action_item (
    id           uuid primary key,
    incident_id  uuid not null references incident (id) on delete cascade,
    title        text not null,
    owner        text,
    due_on       date,
    created_at   timestamptz not null,
    created_by   text not null,
    done_at      timestamptz,
    done_by      text
);
create index action_item_incident_idx on action_item (incident_id, created_at);

alter table service add column auto_incidents boolean not null default false;

-- Console sign-in: a password per user (Argon2id), and sessions kept as hashes.
alter table app_user add column password_hash text;

create table console_session (
    id_hash       bytea primary key,
    user_id       uuid not null references app_user (id) on delete cascade,
    csrf_token    text not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null
);
create index console_session_user_idx on console_session (user_id);
