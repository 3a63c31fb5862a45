-- The gateway's copy of settings.call, kept beside the in-memory one so that a restarted gateway knows which account
-- owns each number from its first webhook on, instead of only once it has read the topic again (a missed call to a
-- number nobody seems to own cannot be reported). Keyed as the topic is: "accountId/number" or "accountId".
create table call_settings_copy (
    record_key  text        primary key,
    payload     text        not null,
    updated_at  timestamptz not null default now()
);
