-- Issue 19: anomaly flags kept as cases (cn.laorenjia.settlement.supervision, settlement/SUPERVISION.md).
--
-- A case is one rule's finding about one subject (a canteen; a canteen's cashier; a senior) in one month. The scan
-- opens it once: re-scanning updates the figures of a case still open or under review, never a decided one, and never
-- makes a second case for the same rule, subject and month (the unique index). The service updates only the case's
-- state and figures (afterMigrate: update_only); how it got there is anomaly_case_event, append-only, and a state
-- changes only together with the event that says who changed it, when and why (trigger).
create table anomaly_case (
    id              bigserial   primary key,
    rule            text        not null check (rule ~ '^[A-Z_]{3,40}$'),
    month           date        not null check (extract(day from month) = 1),
    canteen_id      bigint      references canteen (id),
    cashier_number  text        check (cashier_number ~ '^[0-9]{1,8}$'),
    senior_id       bigint      references senior (id),
    -- the area the case belongs to, for scoping: the canteen's 区/街镇, or the senior's home for a senior's case
    district        text        not null,
    subdistrict     text        not null,
    score           numeric(16, 4) not null,
    threshold       numeric(16, 4) not null,
    meals           bigint      not null check (meals >= 0),
    summary         text        not null,
    state           text        not null check (state in ('OPEN', 'REVIEWING', 'CLEARED', 'CONFIRMED')),
    opened_at       timestamptz not null,
    opened_by       text        not null,
    found_at        timestamptz not null,  -- the last scan that found it (open cases only)
    decided_at      timestamptz,
    decided_by      text,
    decision_note   text,
    check (canteen_id is not null or senior_id is not null),
    check (cashier_number is null or canteen_id is not null),
    check ((state in ('CLEARED', 'CONFIRMED')) = (decided_at is not null and decided_by is not null
                                                  and decision_note is not null and length(btrim(decision_note)) > 0))
);
create unique index anomaly_case_subject_idx on anomaly_case (rule, month, coalesce(canteen_id, 0),
    coalesce(cashier_number, ''), coalesce(senior_id, 0));
create index anomaly_case_queue_idx on anomaly_case (month, state, district, subdistrict);

create table anomaly_case_event (
    id          bigserial   primary key,
    case_id     bigint      not null references anomaly_case (id),
    at          timestamptz not null,
    actor       text        not null,
    -- OPENED and FOUND_AGAIN by a scan (with the score found); REVIEW_STARTED, CLEARED, CONFIRMED by a supervisor
    kind        text        not null check (kind in ('OPENED', 'FOUND_AGAIN', 'REVIEW_STARTED', 'CLEARED', 'CONFIRMED')),
    from_state  text,
    to_state    text        not null,
    score       numeric(16, 4),
    note        text
);
create index anomaly_case_event_case_idx on anomaly_case_event (case_id, id);

create function anomaly_case_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (%)', tg_table_name, tg_op using errcode = 'P0001';
end;
$$;
create trigger anomaly_case_event_append_only before update or delete on anomaly_case_event
    for each row execute function anomaly_case_history_is_append_only();
create trigger anomaly_case_event_no_truncate before truncate on anomaly_case_event
    for each statement execute function anomaly_case_history_is_append_only();
create trigger anomaly_case_no_delete before delete on anomaly_case
    for each row execute function anomaly_case_history_is_append_only();
create trigger anomaly_case_no_truncate before truncate on anomaly_case
    for each statement execute function anomaly_case_history_is_append_only();

create function anomaly_case_changes_follow_events() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.rule <> old.rule or new.month <> old.month
            or new.canteen_id is distinct from old.canteen_id or new.cashier_number is distinct from old.cashier_number
            or new.senior_id is distinct from old.senior_id or new.opened_at <> old.opened_at
            or new.opened_by <> old.opened_by then
        raise exception 'anomaly case %: its rule, subject and month cannot change', old.id using errcode = 'P0001';
    end if;
    if old.state in ('CLEARED', 'CONFIRMED') then
        raise exception 'anomaly case % is %: it cannot change', old.id, old.state using errcode = 'P0001';
    end if;
    if new.state <> old.state and not exists (
            select 1 from anomaly_case_event e
            where e.case_id = old.id and e.from_state = old.state and e.to_state = new.state) then
        raise exception 'anomaly case %: % -> % without its event', old.id, old.state, new.state
            using errcode = 'P0001';
    end if;
    return new;
end;
$$;
create trigger anomaly_case_changes_follow_events before update on anomaly_case
    for each row execute function anomaly_case_changes_follow_events();

-- Offline claims made in a minute the central was answering the terminal. terminal_contact is pruned after the
-- offline max-age, so the nightly scan keeps what it found here (insert-only) for the month's rule to count later.
create table anomaly_offline_online (
    entry_id    uuid        primary key references meal_entry (entry_id),
    canteen_id  bigint      not null references canteen (id),
    terminal_id bigint      not null references terminal (id),
    occurred_at timestamptz not null,
    meal_date   date        not null,
    noted_at    timestamptz not null
);
create index anomaly_offline_online_day_idx on anomaly_offline_online (meal_date, canteen_id);
create trigger anomaly_offline_online_append_only before update or delete on anomaly_offline_online
    for each row execute function anomaly_case_history_is_append_only();
