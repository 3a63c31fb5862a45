-- Every text this service asked messaging-service to send (one row per SendMessage command), and what became of it
-- (messaging-service's outcomes on sms.events): the journey's "accepted, sent, delivered, failed, rejected", and what
-- "text a caller at most once per N" counts (a text that was refused or failed does not).
create table workflow_text (
    command_id        text primary key,
    account_id        text        not null,
    contact_id        uuid        not null,
    call_sid          text        not null,
    run_id            uuid,                        -- null for the legacy toggle's texts
    workflow_id       text        not null,        -- or 'legacy-toggle'
    workflow_name     text,
    step_id           text,
    channel           text        not null,        -- as asked; accepted_channel is what Twilio took (SMS fallback)
    counts_for_repeat boolean     not null,        -- a workflow's text (the legacy toggle's do not count)
    alongside         boolean     not null default false,
    texted_at         timestamptz not null,        -- the run's moment: the call's time, or when a wait ended
    accepted_at       timestamptz,
    message_sid       text,
    accepted_channel  text,
    sent_at           timestamptz,
    delivered_at      timestamptz,
    failed_at         timestamptz,
    error_code        integer,
    error_message     text,
    undelivered       boolean,
    rejected_at       timestamptz,
    reject_reason     text,
    reject_detail     text
);
create index workflow_text_contact on workflow_text (contact_id, texted_at desc);
create index workflow_text_call on workflow_text (call_sid);

-- "One call, one text-back": the workflow activated first texts; a later one records which workflow took the call.
alter table workflow add column activated_at timestamptz;
update workflow set activated_at = updated_at where active;
alter table workflow_run add column yields_to text;

-- Each account's quiet hours for automated texts; an account without a row has the default (on, 21:00-08:00).
create table quiet_hours (
    account_id text primary key,
    enabled    boolean     not null,
    starts_at  time        not null,
    ends_at    time        not null,
    updated_at timestamptz not null
);
