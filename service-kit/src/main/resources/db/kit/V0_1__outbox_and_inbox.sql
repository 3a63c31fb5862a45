-- Shared by every service, each in its own schema (Flyway location db/kit, versions below the service's own).

-- Events written in the same transaction as the change they announce; the OutboxRelay sends them to Kafka
-- after commit and deletes them once the broker has acknowledged.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    record_key  text        not null,
    payload     text,                       -- null is a tombstone on a compacted topic
    created_at  timestamptz not null default now()
);

-- What each consumer has handled, recorded in the same transaction as the handling (the idempotent inbox).
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
