-- One row per CallSid the gateway reported as missed: the reason a retried or duplicated Twilio callback, a
-- restart or a second replica never publishes a second CallMissed.
create table reported_call (
    call_sid     text primary key,
    account_id   text        not null,
    dial_status  text        not null,
    reported_at  timestamptz not null default now()
);
