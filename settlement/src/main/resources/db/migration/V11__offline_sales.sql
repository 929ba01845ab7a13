-- Sales a terminal made while it could not reach this service (issue 7), synced later.
--
-- offline_outcome on the ledger: null for a live sale; CONFIRMED when the synced sale was within the senior's
-- quota (it took the quota like a live sale); CONFLICT when the terminal granted the subsidy from its cached
-- copy but the central found the quota used up elsewhere meanwhile (or the senior no longer eligible). A
-- CONFLICT meal never raises the quota counters above their cap; the district reimburses its 3-yuan discount
-- (the canteen acted in good faith under the offline rules) but pays no operating subsidy for it.
alter table meal_entry add column offline_outcome text
    check (offline_outcome in ('CONFIRMED', 'CONFLICT'));
create index meal_entry_offline_idx on meal_entry (meal_date, canteen_id) where offline_outcome is not null;

-- Offline sales the central did not accept for reimbursement: the canteen bears the discount it gave. One row
-- per sale id, append-only like the ledger; the stored answer is replayed to a retried sync.
create table offline_rejection (
    sale_id          uuid        primary key,
    canteen_id       bigint      not null references canteen (id),
    terminal_id      bigint      not null references terminal (id),
    senior_id        bigint      references senior (id),
    occurred_at      timestamptz not null,
    meal_date        date        not null,   -- in Asia/Shanghai
    set_price_fen    bigint      not null check (set_price_fen >= 0),
    -- the discount the terminal gave the senior, borne by the canteen
    discount_fen     bigint      not null check (discount_fen >= 0),
    reason_code      text        not null,
    request_hash     text        not null,
    response         jsonb       not null,
    recorded_at      timestamptz not null default now()
);
create index offline_rejection_day_idx on offline_rejection (meal_date, canteen_id);
create trigger offline_rejection_append_only
    before update or delete on offline_rejection
    for each row execute function meal_entry_is_append_only();
