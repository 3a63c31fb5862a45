-- Whether any version of the workflow can leave a run waiting (a wait step or a voicemail filter). A missed call only
-- looks for the caller's run in flight (re-entry) in a workflow that can have one.
alter table workflow add column may_wait boolean not null default true;
