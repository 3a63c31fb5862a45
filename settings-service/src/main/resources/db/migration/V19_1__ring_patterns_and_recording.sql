-- Issue 19: a ring pattern and call recording at each level of call settings (null: inherited).
-- ring_mode SIMULTANEOUS or SEQUENTIAL; ring_targets in ring order, each 'number:<e164>:<seconds>' or
-- 'user:<user id>:<seconds>' (seconds empty in a simultaneous pattern). record_calls is set per number,
-- recording_retention_days for the account.
alter table call_settings add column ring_mode text check (ring_mode in ('SIMULTANEOUS', 'SEQUENTIAL'));
alter table call_settings add column ring_targets text[];
alter table call_settings add column record_calls boolean;
alter table call_settings add column consent_text text;
alter table call_settings add column recording_retention_days integer check (recording_retention_days > 0);
