-- A contact's conversation: every text in and out, every missed and answered call, every voicemail, STOP/START, in
-- time order. Written from this service's own sends (workflow, legacy toggle, team replies: in the transaction of
-- the SendMessage) and from the events of calls.* and sms.events (the conversation's own consumer group).
create table conversation_entry (
    id                   bigserial primary key,
    account_id           text        not null,
    contact_id           uuid        not null references contact (id),
    kind                 text        not null check (kind in ('TEXT_IN', 'TEXT_OUT', 'CALL_MISSED', 'CALL_ANSWERED',
                                                              'VOICEMAIL', 'OPTED_OUT', 'OPTED_IN')),
    at                   timestamptz not null,
    -- what made it, once: a command id for a text we send; the event's id for the rest
    command_id           text unique,
    source_id            text unique,
    channel              text,
    body                 text,
    our_number           text,                -- the account's number the text or call was to or from
    message_sid          text,
    status               text,                -- texts out: QUEUED, ACCEPTED, SENT, DELIVERED, UNDELIVERED, FAILED, REJECTED
    status_rank          integer,             -- forward only: a late "sent" never undoes "delivered"
    status_at            timestamptz,
    error_code           integer,
    status_detail        text,
    sender               text,                -- texts out: WORKFLOW, LEGACY_TOGGLE, TEAM
    workflow_id          text,
    workflow_version     integer,
    step_id              text,
    user_id              text,                -- the team member who answered
    call_sid             text,
    dial_status          text,
    recording_sid        text unique,
    duration_seconds     integer,
    transcription        text,
    transcription_failed boolean,
    created_at           timestamptz not null default now()
);
create index conversation_entry_by_contact on conversation_entry (account_id, contact_id, id);
create index conversation_entry_by_account on conversation_entry (account_id, id);
create index conversation_entry_by_sid on conversation_entry (message_sid) where message_sid is not null;

-- How far the team has read each conversation (entries after it, from the caller, are unread).
create table conversation_read (
    account_id text        not null,
    contact_id uuid        not null references contact (id),
    read_up_to bigint      not null,
    read_at    timestamptz not null,
    primary key (account_id, contact_id)
);

-- Who is told of the account's calls and replies (BusinessProfileChanged.team), as JSON.
alter table business_profile add column team jsonb;
