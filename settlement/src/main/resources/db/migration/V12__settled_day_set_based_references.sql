-- settled_day is written by one statement per settlement run, one row per canteen and day: 62,000 rows for
-- a month of 2,000 canteens. Its two foreign keys were checked row by row (a locking look-up in canteen and
-- in settlement_run per row), which cost more than everything else the run writes. The same references are
-- now checked once per statement, set-based, on the rows the statement inserted; and deleting or renumbering
-- a referenced canteen or run is refused as the foreign keys refused it.
--
-- Race: a foreign key also locks the referenced row until commit. Not needed here: a settled row's canteen
-- has ledger rows (settlement only aggregates the ledger), and meal_entry, append-only, keeps its own
-- locking foreign key to canteen; the run row is inserted by the same transaction.

alter table settled_day drop constraint settled_day_canteen_id_fkey;
alter table settled_day drop constraint settled_day_run_id_fkey;

create function settled_day_references_exist() returns trigger language plpgsql as $$
declare
    missing_canteen bigint;
    missing_run     bigint;
begin
    select n.canteen_id into missing_canteen from settled_rows n
    where not exists (select 1 from canteen c where c.id = n.canteen_id) limit 1;
    if found then
        raise exception 'settled_day references canteen %, which does not exist', missing_canteen
            using errcode = '23503';
    end if;
    select n.run_id into missing_run from settled_rows n
    where not exists (select 1 from settlement_run r where r.id = n.run_id) limit 1;
    if found then
        raise exception 'settled_day references settlement_run %, which does not exist', missing_run
            using errcode = '23503';
    end if;
    return null;
end;
$$;
create trigger settled_day_references after insert on settled_day
    referencing new table as settled_rows
    for each statement execute function settled_day_references_exist();

create function settled_day_referenced_is_kept() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.id = old.id then
        return new;
    end if;
    if tg_table_name = 'canteen' and exists (select 1 from settled_day d where d.canteen_id = old.id) then
        raise exception 'canteen % has settled days and cannot be deleted or renumbered', old.id
            using errcode = '23503';
    end if;
    if tg_table_name = 'settlement_run' and exists (select 1 from settled_day d where d.run_id = old.id) then
        raise exception 'settlement run % has settled days and cannot be deleted or renumbered', old.id
            using errcode = '23503';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger canteen_keeps_settled_days before delete or update of id on canteen
    for each row execute function settled_day_referenced_is_kept();
create trigger settlement_run_keeps_settled_days before delete or update of id on settlement_run
    for each row execute function settled_day_referenced_is_kept();
