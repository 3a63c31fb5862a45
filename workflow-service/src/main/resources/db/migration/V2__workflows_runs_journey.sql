-- Opening hours in this service's copy of the Business Profile: BusinessHours as JSON; null = not set (always open).
alter table business_profile add column hours jsonb;

-- Tags and opt-out state of each contact.
alter table contact add column tags text[] not null default '{}';
alter table contact add column opted_out boolean not null default false;
alter table contact add column opted_out_at timestamptz;

-- A workflow and its versions. A version is an immutable JSON document; the workflow points at its current one.
create table workflow (
    id               uuid primary key,
    account_id       text        not null,
    name             text        not null,           -- the current version's name, for lists
    template         text,                           -- e.g. missed-call-text-back, when enabled from the template
    template_variant text,
    active           boolean     not null default false,
    current_version  integer     not null,
    deleted          boolean     not null default false,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index workflow_account on workflow (account_id) where not deleted;
create index workflow_active on workflow (account_id) where active;

create table workflow_version (
    workflow_id uuid        not null references workflow (id),
    version     integer     not null,
    document    jsonb       not null,
    created_at  timestamptz not null default now(),
    primary key (workflow_id, version)
);

-- Every missed call this service handled (or whose voicemail it heard of first): the root of its journey, and
-- what "call count in the last N hours" counts.
create table missed_call (
    call_sid        text primary key,
    account_id      text        not null,
    contact_id      uuid references contact (id),
    caller          text,                            -- E.164, or what Twilio said for a withheld number
    called_number   text,
    dial_status     text,
    occurred_at     timestamptz,                     -- null while only its voicemail is known
    voicemail_sid   text,
    voicemail_at    timestamptz,
    voicemail_seconds integer,
    handled_at      timestamptz
);
create index missed_call_contact on missed_call (contact_id, occurred_at);
create index missed_call_account on missed_call (account_id, occurred_at desc);

-- Runs: which version they follow, where they are, and for a waiting run when it is due (the durable timer).
alter table workflow_run add column workflow_version integer;
alter table workflow_run add column pointer integer not null default 0;
alter table workflow_run add column due_at timestamptz;
alter table workflow_run add column wait_kind text;
alter table workflow_run add column wait_step text;
alter table workflow_run add column outcome text;
alter table workflow_run add column texts_sent integer not null default 0;
alter table workflow_run add column called_number text;
alter table workflow_run add column missed_at timestamptz;
alter table workflow_run add column finished_at timestamptz;
update workflow_run set status = 'FINISHED', outcome = 'TEXTED' where status <> 'WAITING';
drop index workflow_run_contact;
-- The timers: what the poller claims with FOR UPDATE SKIP LOCKED.
create index workflow_run_due on workflow_run (due_at) where status = 'WAITING';
-- Re-entry and "a reply ends the contact's waiting runs".
create index workflow_run_in_flight on workflow_run (contact_id, workflow_id) where status = 'WAITING';
create index workflow_run_call on workflow_run (call_sid);

-- The journey of each missed call: every workflow it met, every decision, every command.
create sequence journey_entry_seq increment by 50;
create table journey_entry (
    id               bigint primary key,
    account_id       text        not null,
    call_sid         text        not null,
    at               timestamptz not null,
    kind             text        not null,
    workflow_id      text,
    workflow_version integer,
    run_id           uuid,
    step_id          text,
    detail           text,
    command_id       text
);
create index journey_entry_call on journey_entry (call_sid, id);
