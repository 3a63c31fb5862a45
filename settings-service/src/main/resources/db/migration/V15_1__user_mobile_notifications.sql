-- A team member's own mobile (E.164) and which events they are texted about: a missed call, a voicemail, a reply
-- in a contact's conversation. Published in settings.business (BusinessProfileChanged.team) for workflow-service.
alter table account_user add column mobile text;
alter table account_user add column notify_missed_call boolean not null default true;
alter table account_user add column notify_voicemail boolean not null default true;
alter table account_user add column notify_reply boolean not null default true;
