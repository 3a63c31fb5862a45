-- What the relay needs for each record's CloudEvents headers without decoding the payload: the event's id (ce_id)
-- and its versioned type (ce_type); created_at is its ce_time. Null for a tombstone, and for rows written before
-- (the relay reads those from the payload).
alter table outbox add column event_id text;
alter table outbox add column event_type text;
