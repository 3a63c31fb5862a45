-- A purchase, import or release under way at Twilio: written (and committed) before Twilio is asked, deleted in the
-- transaction that records the outcome. A row left by a crash or a lost answer is settled by PendingNumberReconciler,
-- which asks Twilio whether the Twilio account holds the number. The primary key keeps two requests from adding the
-- same number at once.
create table pending_number (
    number              text primary key,
    account_id          text        not null references account (id) on delete cascade,
    twilio_account_sid  text        not null,
    operation           text        not null check (operation in ('ADD', 'RELEASE')),
    origin              text        check (origin in ('BOUGHT', 'IMPORTED')),
    phone_number_sid    text,
    make_default        boolean     not null default false,
    assigned_user_id    text,
    created_at          timestamptz not null default now(),
    last_error          text
);
