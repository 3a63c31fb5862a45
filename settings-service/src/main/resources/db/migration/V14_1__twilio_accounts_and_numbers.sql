-- Issue 14: each account is tied to a Twilio account, and its numbers are Twilio's.

-- The account's Twilio account (a subaccount of the platform's, or one an operator linked). Only the SID: the
-- subaccount's auth token is never stored; settings-service acts on it with the platform's credentials.
alter table account add column twilio_account_sid text unique;
alter table account add column twilio_account_source text check (twilio_account_source in ('SUBACCOUNT', 'LINKED'));
alter table account add column twilio_friendly_name text;

-- Where each number is held at Twilio and how its configuration stands. Rows from before issue 14 (added with PUT,
-- never checked at Twilio) have no phone_number_sid.
alter table phone_number add column twilio_account_sid text;
alter table phone_number add column phone_number_sid text;
alter table phone_number add column origin text check (origin in ('BOUGHT', 'IMPORTED'));
alter table phone_number add column configuration text check (configuration in ('CONFIGURED', 'DRIFTED', 'PENDING', 'FAILED'));
-- JSON array of {"field","expected","actual"}: what differed at the last check.
alter table phone_number add column drift text;
alter table phone_number add column checked_at timestamptz;
