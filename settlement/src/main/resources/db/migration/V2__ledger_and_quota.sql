-- The meal ledger of record: append-only. A correction is a new VOID entry that reverses a SALE;
-- no row is ever updated or deleted (enforced by the trigger below).
create table meal_entry (
    -- client-generated id (the terminal creates it before sending): the idempotency key
    entry_id              uuid        primary key,
    -- ordering of arrival, used by settlement to spot entries that arrived after their day was settled
    seq                   bigserial   not null unique,
    entry_type            text        not null check (entry_type in ('SALE', 'VOID')),
    -- a VOID names the SALE it reverses; a sale can be reversed at most once
    reverses_entry_id     uuid        unique references meal_entry (entry_id),
    senior_id             bigint      not null references senior (id),
    canteen_id            bigint      not null references canteen (id),
    terminal_id           bigint      not null references terminal (id),
    meal_set_id           bigint      references meal_set (id),
    slot                  text        not null check (slot in ('BREAKFAST', 'LUNCH', 'DINNER')),
    occurred_at           timestamptz not null,
    meal_date             date        not null,   -- in Asia/Shanghai
    week_monday           date        not null,   -- Monday of the natural week in Asia/Shanghai
    set_price_fen         bigint      not null,
    standard_price_fen    bigint      not null,
    subsidised            boolean     not null,
    -- signed: a VOID carries the negation of the sale's amounts so sums over the ledger are net
    discount_fen          bigint      not null,
    operating_subsidy_fen bigint      not null,
    paid_fen              bigint      not null,
    rule_version          text        not null,
    identified_by         text        not null check (identified_by in ('CARD', 'QR', 'MANUAL')),
    manual_reason         text,
    -- hash of the request body: the same id with a different body is refused
    request_hash          text        not null,
    -- the answer given the first time, returned again on a retry
    response              jsonb       not null,
    recorded_at           timestamptz not null default now(),
    check ((entry_type = 'SALE') = (reverses_entry_id is null)),
    check (meal_date >= week_monday and meal_date < week_monday + 7),
    check (extract(isodow from week_monday) = 1)
);
create index meal_entry_canteen_day_idx on meal_entry (canteen_id, meal_date);
create index meal_entry_senior_day_idx on meal_entry (senior_id, meal_date);
create index meal_entry_recorded_idx on meal_entry (recorded_at);

create function meal_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'meal_entry is append-only: record a reversing entry instead of % ', tg_op
        using errcode = 'P0001';
end;
$$;
create trigger meal_entry_append_only
    before update or delete on meal_entry
    for each row execute function meal_entry_is_append_only();
create trigger meal_entry_no_truncate
    before truncate on meal_entry
    for each statement execute function meal_entry_is_append_only();

-- Per-senior quota counters. Authorisation increments them with a conditional
-- "insert ... on conflict do update ... where used < cap returning used", which takes the row lock:
-- concurrent requests for one senior serialise on the row, so a cap can never be exceeded
-- (a count(*) check under READ COMMITTED could). Caps come from the policy version in force,
-- so they are not constants here; used can never go below zero.
create table quota_day (
    senior_id   bigint   not null references senior (id),
    meal_date   date     not null,
    used        smallint not null check (used >= 0),
    primary key (senior_id, meal_date)
);
create table quota_week (
    senior_id   bigint   not null references senior (id),
    week_monday date     not null check (extract(isodow from week_monday) = 1),
    used        smallint not null check (used >= 0),
    primary key (senior_id, week_monday)
);
