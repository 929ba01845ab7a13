-- Monthly statements per canteen: DRAFT (refreshed from what is settled) -> CONFIRMED by finance -> immutable.
-- A statement's lines are the settled days of its month and adjustments: those of its own month's days, and
-- those of earlier months whose statement was already confirmed (a correction never reopens a confirmed
-- statement; it appears on the next one). Each adjustment is on at most one statement.

create table statement (
    id                      bigserial   primary key,
    canteen_id              bigint      not null references canteen (id),
    month                   date        not null check (extract(day from month) = 1),
    status                  text        not null default 'DRAFT' check (status in ('DRAFT', 'CONFIRMED')),
    rule_versions           text        not null default '',
    sales                   bigint      not null default 0,
    voids                   bigint      not null default 0,
    meals                   bigint      not null default 0,
    discount_fen            bigint      not null default 0,
    operating_subsidy_fen   bigint      not null default 0,
    net_owed_fen            bigint      not null default 0,
    -- the part of the totals that are adjustments (late meals)
    adjustment_meals        bigint      not null default 0,
    adjustment_net_owed_fen bigint      not null default 0,
    generated_at            timestamptz not null,
    confirmed_at            timestamptz,
    confirmed_by            text,
    unique (canteen_id, month),
    check ((status = 'CONFIRMED') = (confirmed_at is not null and confirmed_by is not null)),
    check (net_owed_fen = discount_fen + operating_subsidy_fen)
);

create table statement_line (
    statement_id            bigint  not null references statement (id),
    line_no                 integer not null,
    kind                    text    not null check (kind in ('DAY', 'ADJUSTMENT')),
    adjustment_id           bigint  unique references settlement_adjustment (id),
    meal_date               date    not null,
    rule_version            text    not null,
    sales                   integer not null,
    voids                   integer not null,
    meals                   integer not null,
    discount_fen            bigint  not null,
    operating_subsidy_fen   bigint  not null,
    net_owed_fen            bigint  not null,
    primary key (statement_id, line_no),
    check ((kind = 'ADJUSTMENT') = (adjustment_id is not null))
);

-- A confirmed statement is immutable, whoever connects: no update, no delete, no line added or removed.
create function statement_confirmed_is_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.status = 'CONFIRMED' then
        raise exception 'statement % is confirmed and cannot be deleted', old.id using errcode = 'P0001';
    end if;
    if tg_op = 'UPDATE' and old.status = 'CONFIRMED' then
        raise exception 'statement % is confirmed and cannot be changed', old.id using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger statement_immutable before update or delete on statement
    for each row execute function statement_confirmed_is_immutable();

create function statement_line_of_confirmed_is_immutable() returns trigger language plpgsql as $$
declare
    sid bigint := case when tg_op = 'INSERT' then new.statement_id else old.statement_id end;
begin
    if exists (select 1 from statement where id = sid and status = 'CONFIRMED')
       or (tg_op = 'UPDATE' and exists (select 1 from statement where id = new.statement_id and status = 'CONFIRMED')) then
        raise exception 'statement % is confirmed: its lines cannot change', sid using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger statement_line_immutable before insert or update or delete on statement_line
    for each row execute function statement_line_of_confirmed_is_immutable();
create trigger statement_no_truncate before truncate on statement
    for each statement execute function settlement_is_append_only();
create trigger statement_line_no_truncate before truncate on statement_line
    for each statement execute function settlement_is_append_only();
