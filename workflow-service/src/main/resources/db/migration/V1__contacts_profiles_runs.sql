-- The people who call the account's numbers.
create table contact (
    id          uuid primary key,
    account_id  text        not null,
    phone       text        not null,            -- E.164
    first_name  text,
    last_name   text,
    call_count  integer     not null default 0,
    last_call_at timestamptz,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (account_id, phone)
);

-- This service's copy of each account's Business Profile, from the compacted settings.business topic.
create table business_profile (
    account_id               text primary key,
    business_name            text    not null,
    time_zone                text    not null,
    numbers                  text[]  not null default '{}',
    default_number           text,
    legacy_text_back_enabled boolean not null default false,
    legacy_text_back_message text,
    version                  bigint  not null
);

-- One missed call's pass through a workflow. Its id is derived from the call and the workflow, so a replayed
-- CallMissed finds the same run and every command it sends has the same id.
create table workflow_run (
    id           uuid primary key,
    account_id   text        not null,
    workflow_id  text        not null,
    contact_id   uuid        not null references contact (id),
    call_sid     text        not null,
    status       text        not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index workflow_run_contact on workflow_run (account_id, contact_id, status);
