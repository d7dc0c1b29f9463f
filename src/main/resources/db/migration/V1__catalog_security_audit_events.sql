-- The service catalog
create table service_group (
    id          uuid primary key,
    name        text not null,
    position    integer not null default 0,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index service_group_name_key on service_group (lower(name));

create table service (
    id                      uuid primary key,
    slug                    text not null unique,
    name                    text not null,
    description             text not null default '',
    group_id                uuid references service_group (id) on delete set null,
    position                integer not null default 0,
    is_public               boolean not null default true,
    owner                   text,
    links                   jsonb not null default '[]',
    -- A human's override of the derived status, with who set it, when and why.
    override_status         text,
    override_reason         text,
    override_by             text,
    override_at             timestamptz,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    constraint service_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    constraint service_override_complete check ((override_status is null) = (override_at is null))
);
create index service_group_id_idx on service (group_id);

create table service_dependency (
    service_id     uuid not null references service (id) on delete cascade,
    depends_on_id  uuid not null references service (id) on delete cascade,
    primary key (service_id, depends_on_id),
    constraint service_dependency_not_self check (service_id <> depends_on_id)
);
create index service_dependency_depends_on_idx on service_dependency (depends_on_id);

-- People and machines that call Opsline
create table app_user (
    id              uuid primary key,
    name            text not null,
    role            text not null check (role in ('VIEWER', 'RESPONDER', 'ADMIN')),
    created_at      timestamptz not null,
    deactivated_at  timestamptz
);
create unique index app_user_name_key on app_user (lower(name));

create table api_token (
    id            uuid primary key,
    user_id       uuid not null references app_user (id) on delete cascade,
    name          text not null,
    role          text not null check (role in ('VIEWER', 'RESPONDER', 'ADMIN')),
    -- SHA-256 of the secret; the secret itself is shown once and never stored.
    secret_hash   bytea not null unique,
    secret_hint   text not null,
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_token_user_idx on api_token (user_id);

-- Every mutation, whoever made it and however it ended
create table audit_record (
    id           bigserial primary key,
    occurred_at  timestamptz not null,
    actor        text not null,
    actor_role   text,
    token_id     uuid,
    operation    text not null,
    arguments    jsonb not null,
    outcome      text not null check (outcome in ('SUCCESS', 'REJECTED', 'DENIED', 'FAILED')),
    message      text
);
create index audit_record_occurred_idx on audit_record (occurred_at desc, id desc);
create index audit_record_operation_idx on audit_record (operation, occurred_at desc);

-- State changes, written in the transaction that made them. Ids are taken before commit, so
-- transactions can commit out of id order; consumers follow (tx, id) and read only up to the oldest
-- transaction still running, so no event is passed over.
create table domain_event (
    id           bigserial primary key,
    tx           xid8 not null default pg_current_xact_id(),
    occurred_at  timestamptz not null,
    kind         text not null,
    subject      text not null,
    payload      jsonb not null default '{}'
);
create index domain_event_kind_idx on domain_event (kind, id);
create index domain_event_tx_idx on domain_event (tx, id);
