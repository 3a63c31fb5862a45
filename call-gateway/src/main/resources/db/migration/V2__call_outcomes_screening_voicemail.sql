-- What became of each call the gateway decided on: MISSED (reported as CallMissed, once) or ANSWERED. A later
-- callback for the same CallSid, from any replica, finds the row.
alter table reported_call rename to call_outcome;
alter table call_outcome add column outcome text not null default 'MISSED' check (outcome in ('MISSED', 'ANSWERED'));
alter table call_outcome add column from_number text;
alter table call_outcome add column to_number text;
alter table call_outcome add column caller_withheld boolean not null default false;
alter table call_outcome rename column reported_at to decided_at;

-- Calls Twilio reported as ended (status callback) before any outcome was known. After a grace period, one that
-- still has no outcome was missed without a dial callback (the caller hung up early) and is reported then; the
-- grace lets a late or reordered dial callback decide first.
create table ended_call (
    call_sid        text primary key,
    account_id      text        not null,
    from_number     text        not null,
    to_number       text        not null,
    caller_withheld boolean     not null,
    call_status     text        not null,
    ended_at        timestamptz not null default now(),
    check_after     timestamptz not null
);
create index ended_call_due on ended_call (check_after);

-- A person pressed a key on a screened forward (human-answer confirmation), by the caller's (parent) CallSid.
create table human_confirmation (
    call_sid     text primary key,
    confirmed_at timestamptz not null default now()
);

-- Voicemails reported as VoicemailRecorded, once per RecordingSid.
create table reported_voicemail (
    recording_sid text primary key,
    call_sid      text        not null,
    reported_at   timestamptz not null default now()
);
