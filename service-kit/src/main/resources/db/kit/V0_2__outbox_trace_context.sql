-- The W3C trace context of the transaction that wrote the event (null when tracing is off); the relay sends it as
-- the record's traceparent header so one call can be followed across the services.
alter table outbox add column traceparent text;
