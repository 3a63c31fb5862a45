-- What the gateway needs to serve a voicemail's audio to its account: whose it is, and which Twilio account holds
-- the recording (its credentials fetch the media). Rows reported before this migration have no account and are not
-- served (404).
alter table reported_voicemail add column account_id text;
alter table reported_voicemail add column twilio_account_sid text;
alter table reported_voicemail add column from_number text;
alter table reported_voicemail add column duration_seconds integer;

-- Transcriptions reported as VoicemailTranscribed, once per recording (Twilio retries its callback).
create table transcribed_voicemail (
    recording_sid  text primary key references reported_voicemail (recording_sid),
    failed         boolean     not null,
    transcribed_at timestamptz not null default now()
);
