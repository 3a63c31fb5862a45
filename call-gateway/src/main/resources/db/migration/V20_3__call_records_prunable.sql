-- Renamed from V18_x on 2026-12-03 (before any release): "if not exists", so a database that ran the old name is fine.
-- What the gateway keeps about a call is needed only for a while: the outcome stops a retried or duplicated Twilio
-- callback from deciding the same CallSid twice (Twilio retries within minutes), a human confirmation lives for one
-- screened forward. CallRecordPruner deletes both past mctb.gateway.retention.call-records (30 days); these indexes
-- let it find them without a scan. BRIN: rows are appended in time order, and the index stays a few pages.
create index if not exists call_outcome_decided_at on call_outcome using brin (decided_at);
create index if not exists human_confirmation_confirmed_at on human_confirmation using brin (confirmed_at);
