-- Renamed from V18_x on 2026-12-03 (before any release): "if not exists", so a database that ran the old name is fine.
-- Issue 18: the sending rate per number held across replicas. One row per sending number: the theoretical arrival
-- time of its next text (GCRA, as SendingRate keeps it in memory), taken by one upsert per text.
create table if not exists sending_slot (
    number    text primary key,
    next_slot timestamptz not null
);
