-- Team members ("users"): a number can be assigned to one, whose call settings then apply to it.
create table account_user (
    account_id  text        not null references account (id) on delete cascade,
    id          text        not null,
    name        text        not null,
    created_at  timestamptz not null default now(),
    primary key (account_id, id)
);

alter table phone_number add column assigned_user_id text;
-- A number is assigned to a user of its own account only. Removing a user unassigns its numbers first (in code).
alter table phone_number add constraint phone_number_assigned_user
    foreign key (account_id, assigned_user_id) references account_user (account_id, id);

-- The rest of a level's call settings; null is "not set at this level" as for the other columns.
alter table call_settings
    add column caller_id                 text,
    add column answer_on_bridge          boolean,
    add column human_answer_confirmation boolean,
    add constraint human_answer_confirmation_per_number
        check (human_answer_confirmation is null or level = 'NUMBER');

-- Business hours as contracts' BusinessHours (weekly intervals and dated exceptions, wall-clock times in the
-- account's time zone); null means not set: the business counts as always open.
alter table account add column business_hours jsonb;

-- Custom voicemail greetings, one per level (account, user, number). The audio lives here, never on a shared disk.
-- public_token is the unguessable name Twilio fetches it by (/public/greetings/{token}.mp3); every upload makes a
-- new one, so a replaced greeting's old URL stops working.
create table greeting (
    id               bigserial   primary key,
    account_id       text        not null references account (id) on delete cascade,
    level            text        not null check (level in ('ACCOUNT', 'USER', 'NUMBER')),
    ref              text,
    public_token     text        not null unique,
    format           text        not null check (format in ('MP3', 'WAV')),
    size_bytes       integer     not null check (size_bytes > 0 and size_bytes <= 10485760),
    duration_millis  integer     not null check (duration_millis > 0 and duration_millis <= 180000),
    sha256           text        not null,
    uploaded_at      timestamptz not null default now(),
    audio            bytea       not null,
    unique nulls not distinct (account_id, level, ref)
);
-- Stored uncompressed (MP3 does not compress; PCM barely does), so a Range request reads only the TOAST chunks
-- it needs: substring() on an EXTERNAL bytea does not fetch the whole value.
alter table greeting alter column audio set storage external;
