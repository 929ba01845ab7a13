-- Nightly settlement: what each canteen is owed per meal day, computed from the ledger by set-based
-- aggregates (see cn.laorenjia.settlement.settling). Amounts are integer fen; days are Asia/Shanghai dates.
--
-- A day, once covered by a run, is settled: its rows in settled_day never change (trigger below).
-- Meals that reach the ledger later with that meal date (offline terminals) are settled by a later run as
-- settlement_adjustment rows: the difference between the ledger and everything settled so far.

create table settlement_run (
    id                          bigserial   primary key,
    from_date                   date        not null,
    to_date                     date        not null check (to_date >= from_date),
    -- 'scheduler', 'cli' or the username of whoever asked
    triggered_by                text        not null,
    started_at                  timestamptz not null,
    finished_at                 timestamptz,
    -- the highest meal_entry.seq in the run's snapshot: the ledger the run saw
    ledger_seq                  bigint      not null,
    day_rows                    integer     not null default 0,
    adjustment_rows             integer     not null default 0,
    -- the check: the ledger and everything settled for the range, totalled in the same snapshot
    ledger_meals                bigint      not null default 0,
    ledger_discount_fen         bigint      not null default 0,
    ledger_operating_fen        bigint      not null default 0,
    settled_meals               bigint      not null default 0,
    settled_discount_fen        bigint      not null default 0,
    settled_operating_fen       bigint      not null default 0,
    mismatched_groups           integer     not null default 0,
    reconciled                  boolean     not null default false
);
create index settlement_run_range_idx on settlement_run (from_date, to_date);

-- What a run settled for each canteen, meal day and policy version, the first time the day was covered.
create table settled_day (
    canteen_id              bigint  not null references canteen (id),
    meal_date               date    not null,
    rule_version            text    not null,
    run_id                  bigint  not null references settlement_run (id),
    sales                   integer not null,   -- subsidised sales
    voids                   integer not null,   -- reversals of subsidised sales
    meals                   integer not null,   -- net subsidised meals
    discount_fen            bigint  not null,   -- 3-yuan discounts the canteen advanced, to reimburse
    operating_subsidy_fen   bigint  not null,   -- 2-yuan operating subsidy per meal
    net_owed_fen            bigint  not null,
    primary key (canteen_id, meal_date, rule_version),
    check (meals = sales - voids),
    check (net_owed_fen = discount_fen + operating_subsidy_fen)
);
create index settled_day_date_idx on settled_day (meal_date);

-- A later run's correction of a settled day: the amounts that reached the ledger after the day was settled.
create table settlement_adjustment (
    id                      bigserial   primary key,
    run_id                  bigint      not null references settlement_run (id),
    canteen_id              bigint      not null references canteen (id),
    meal_date               date        not null,
    rule_version            text        not null,
    sales                   integer     not null,
    voids                   integer     not null,
    meals                   integer     not null,
    discount_fen            bigint      not null,
    operating_subsidy_fen   bigint      not null,
    net_owed_fen            bigint      not null,
    created_at              timestamptz not null,
    check (meals = sales - voids),
    check (net_owed_fen = discount_fen + operating_subsidy_fen)
);
create index settlement_adjustment_day_idx on settlement_adjustment (canteen_id, meal_date);
create index settlement_adjustment_date_idx on settlement_adjustment (meal_date);

create function settlement_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: a settled day is corrected by an adjustment, never changed (%)',
        tg_table_name, tg_op using errcode = 'P0001';
end;
$$;
create trigger settled_day_append_only before update or delete on settled_day
    for each row execute function settlement_is_append_only();
create trigger settled_day_no_truncate before truncate on settled_day
    for each statement execute function settlement_is_append_only();
create trigger settlement_adjustment_append_only before update or delete on settlement_adjustment
    for each row execute function settlement_is_append_only();
create trigger settlement_adjustment_no_truncate before truncate on settlement_adjustment
    for each statement execute function settlement_is_append_only();

-- Everything settled, day rows and adjustments alike, for rollups and statements.
create view settlement_line as
    select 'DAY' as kind, null::bigint as adjustment_id, d.run_id, d.canteen_id, d.meal_date, d.rule_version,
           d.sales, d.voids, d.meals, d.discount_fen, d.operating_subsidy_fen, d.net_owed_fen
    from settled_day d
    union all
    select 'ADJUSTMENT', a.id, a.run_id, a.canteen_id, a.meal_date, a.rule_version,
           a.sales, a.voids, a.meals, a.discount_fen, a.operating_subsidy_fen, a.net_owed_fen
    from settlement_adjustment a;
