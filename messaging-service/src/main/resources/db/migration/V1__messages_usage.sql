-- Every text we were asked to send, from the moment the command arrives. command_id is unique: a command
-- delivered again finds its row and is not sent again.
create table message (
    id            uuid primary key,
    command_id    text        not null unique,
    account_id    text        not null,
    channel       text        not null,
    from_number   text        not null,
    to_number     text        not null,
    body          text        not null,
    cause         text        not null,
    call_sid      text,
    -- PENDING (recorded, not yet sent) -> SENDING (request to Twilio under way) -> QUEUED (Twilio accepted)
    -- -> SENT -> DELIVERED, or UNDELIVERED / FAILED; REJECTED when we refused to send it.
    status        text        not null,
    twilio_sid    text unique,
    segments      integer,
    error_code    integer,
    error_message text,
    missed_at     timestamptz,
    created_at    timestamptz not null default now(),
    accepted_at   timestamptz,
    updated_at    timestamptz not null default now()
);
create index message_status on message (status, created_at);
create index message_account on message (account_id, created_at);

-- The usage ledger: texts and segments per account, month, channel and cause, counted once per message
-- accepted by Twilio, in the transaction that records the acceptance.
create table usage (
    account_id text    not null,
    month      text    not null,           -- YYYY-MM
    channel    text    not null,
    cause      text    not null,
    messages   integer not null default 0,
    segments   integer not null default 0,
    primary key (account_id, month, channel, cause)
);
