create table account (
    id                          text primary key,
    business_name               text        not null,
    time_zone                   text        not null,
    -- Increases with every change that is published, so consumers can tell newer snapshots from older ones.
    version                     bigint      not null default 0,
    legacy_text_back_enabled    boolean     not null default false,
    legacy_text_back_message    text,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now()
);

-- The account's Twilio numbers. A number belongs to one account.
create table phone_number (
    number      text primary key,
    account_id  text    not null references account (id) on delete cascade,
    is_default  boolean not null default false,
    created_at  timestamptz not null default now()
);
create index phone_number_account on phone_number (account_id);

-- Call & voicemail settings at one level: the account's defaults (ref is null), a user, or a number.
-- A null field is "not set at this level": the next level down decides.
create table call_settings (
    id                        bigserial primary key,
    account_id                text    not null references account (id) on delete cascade,
    level                     text    not null check (level in ('ACCOUNT', 'USER', 'NUMBER')),
    ref                       text,
    timeout_seconds           integer,
    forward_to                text[],
    unique nulls not distinct (account_id, level, ref)
);
