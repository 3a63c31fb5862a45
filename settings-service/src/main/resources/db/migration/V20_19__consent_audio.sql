-- Numbered after service-kit's V20_1 (db/kit, same schema history), so a database already at 20.1 takes it in order.
-- Issue 19: a consent announcement can be uploaded audio, stored like a greeting (same checks, same public URL
-- scheme) in the same table; purpose tells them apart, one of each per level.
alter table greeting add column purpose text not null default 'GREETING' check (purpose in ('GREETING', 'CONSENT'));
alter table greeting drop constraint greeting_account_id_level_ref_key;
alter table greeting add constraint greeting_level_purpose_key unique nulls not distinct (account_id, level, ref, purpose);
