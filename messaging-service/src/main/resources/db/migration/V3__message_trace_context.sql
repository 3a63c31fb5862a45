-- The trace the text's command arrived in (null when tracing is off): the Twilio request and Twilio's status
-- callbacks, which carry no trace header of their own, are recorded under it.
alter table message add column traceparent text;
