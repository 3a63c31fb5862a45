-- Renamed from V18_x on 2026-12-03 (before any release): "if not exists", so a database that ran the old name is fine.
-- Issue 18: a fencing token on the send lease. Every claim of a text (the intake's, PENDING -> SENDING, recovery's
-- take-over) adds one; the claimer carries the value it got, re-checks it before asking Twilio once its claim is old,
-- and writes the outcome only while it still holds. A paused instance whose text was taken over sends and records
-- nothing.
alter table message add column if not exists lease bigint not null default 0;
