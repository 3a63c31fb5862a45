-- Each leg of a call's ring pattern and how it ended (a simultaneous pattern has one leg, 0): who was rung, for how
-- long, what Twilio said and what it counted as. Twilio retries a callback: the first row of a leg wins.
create table call_leg (
    call_sid      text        not null,
    leg_index     integer     not null,
    account_id    text        not null,
    from_number   text        not null,
    to_number     text        not null,
    rang_numbers  text        not null,
    user_id       text,
    ring_seconds  integer     not null,
    dial_status   text        not null,
    outcome       text        not null check (outcome in ('ANSWERED', 'UNCONFIRMED', 'NO_ANSWER', 'BUSY', 'FAILED',
                                                          'CANCELED')),
    ended_at      timestamptz not null default now(),
    primary key (call_sid, leg_index)
);

-- Recordings of answered calls (numbers that record), once per RecordingSid: whose they are, the contact (caller),
-- who answered, and which Twilio account holds the media (its credentials fetch and delete it).
create table call_recording (
    recording_sid       text        primary key,
    call_sid            text        not null,
    account_id          text        not null,
    contact_number      text        not null,
    our_number          text        not null,
    twilio_account_sid  text,
    started_at          timestamptz not null,
    duration_seconds    integer,
    answered_by_number  text,
    answered_by_user_id text,
    media_url           text,
    recorded_at         timestamptz not null default now()
);
create index call_recording_contact on call_recording (account_id, contact_number, started_at desc);
create index call_recording_started on call_recording (started_at);
