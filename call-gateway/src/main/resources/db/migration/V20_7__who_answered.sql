-- Who answered each answered leg of a ring pattern: the number the caller was connected to (a target's own, as Twilio
-- dialled it) and the team member whose mobile it is, when it is one. A leg that rang one number has it from the
-- start; a leg that rang several at once learns it from the screen's key press (the pressing leg's To, kept with the
-- confirmation) or from Twilio's child call (DialCallSid). Null: not known (yet). "if not exists": safe to run again.
alter table call_leg add column if not exists answered_number text;
alter table call_leg add column if not exists answered_user_id text;
alter table human_confirmation add column if not exists answered_number text;
