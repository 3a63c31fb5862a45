-- Rows kept only for a while (RetentionPruner): the journal's entries (mctb.workflow.journal.retention, 30 days) and
-- the inbox's (mctb.workflow.inbox.retention, 7 days) are deleted once past their time, a bounded batch at a time.
-- BRIN on the time column: both tables are appended to in time order, so a block range's minimum and maximum time
-- find the old rows without a scan of the table, for an index of a few pages however large the table grows.
create index if not exists journey_entry_at_brin on journey_entry using brin (at);
create index if not exists processed_event_at_brin on processed_event using brin (processed_at);
