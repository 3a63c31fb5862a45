-- Issue 14: each account is tied to its Twilio (sub)account; recipient countries are a plan setting.

-- The Twilio account (or subaccount) that holds the account's numbers and sends its texts
-- (BusinessProfileChanged.twilioAccountSid); null: the platform's main account.
alter table business_profile add column twilio_account_sid text;

-- The Twilio account a text was (or is to be) sent through, fixed when it is recorded: its sending and its
-- reconciliation with Twilio's list use that account's path. Null: the platform's main account.
alter table message add column twilio_account_sid text;

-- The countries an account may text, set by an operator (ISO 3166 alpha-2, comma-separated; empty: none).
-- No row: the countries of the account's own numbers.
create table recipient_countries (
    account_id text        primary key,
    countries  text        not null,
    updated_at timestamptz not null default now()
);
