-- Issue 6: sending once through Twilio with recovery, delivery status, opt-outs, WhatsApp sessions, limits.

-- claimed_at: when the text was claimed for sending (PENDING -> SENDING); the reconciler asks Twilio for texts
-- created since then. updated_at doubles as the lease of the instance working on a PENDING or SENDING text: live
-- instances renew it, and a text whose lease is old is picked up by another.
alter table message add column claimed_at timestamptz;
-- The command allowed sending a WhatsApp text as SMS when no WhatsApp session is open.
alter table message add column sms_fallback boolean not null default false;
-- Sent as SMS although the command asked for WhatsApp.
alter table message add column fell_back_to_sms boolean not null default false;
-- Why we did not send it (MessageRejected.Reason) when status is REJECTED.
alter table message add column reject_reason text;
alter table message add column status_at timestamptz;
create index message_unsettled on message (status, updated_at) where status in ('PENDING', 'SENDING');
create index message_account_unsettled on message (account_id) where status in ('PENDING', 'SENDING');

-- Contacts who opted out of (or back into) an account's texts. A row with opted_out = false records the opt-in.
create table opt_out (
    account_id text        not null,
    phone      text        not null,   -- E.164
    opted_out  boolean     not null,
    keyword    text,
    changed_at timestamptz not null,
    primary key (account_id, phone)
);

-- When a contact last wrote to one of our WhatsApp senders: free-form WhatsApp texts may follow for 24 hours.
create table whatsapp_session (
    sender          text        not null,   -- our number, E.164
    contact         text        not null,   -- E.164
    last_inbound_at timestamptz not null,
    primary key (sender, contact)
);

-- This service's copy of settings.business: the account's time zone (usage months), name (HELP text) and numbers
-- (which account an inbound text is for).
create table business_profile (
    account_id    text   primary key,
    business_name text   not null,
    time_zone     text   not null,
    version       bigint not null
);
create table account_number (
    number     text primary key,   -- E.164
    account_id text not null
);
create index account_number_account on account_number (account_id);

-- An account's monthly messaging limit (null or no row: unlimited).
create table messaging_limit (
    account_id       text primary key,
    monthly_messages integer check (monthly_messages >= 0),
    updated_at       timestamptz not null default now()
);

-- UsageLimitReached was published for this account and month: once only.
create table usage_limit_notice (
    account_id text        not null,
    month      text        not null,
    noticed_at timestamptz not null default now(),
    primary key (account_id, month)
);
