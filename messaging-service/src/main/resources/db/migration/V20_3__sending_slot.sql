-- Issue 18: the sending rate per number held across replicas. One row per sending number: the theoretical arrival
-- time of its next text (GCRA, as SendingRate keeps it in memory), taken by one upsert per text.
create table sending_slot (
    number    text primary key,
    next_slot timestamptz not null
);
