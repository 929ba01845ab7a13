-- Tampering shows (issue 14). Three parts:
--
-- 1. ledger_link: a SHA-256 hash chain over meal_entry. Each link commits to the previous link's hash and to the
--    canonical bytes of one entry (cn.laorenjia.settlement.ledger.chain.EntryEncoding, versioned by `encoding`).
--    The chain lives in its own insert-only table because meal_entry is append-only: a single sealer appends
--    every not-yet-linked entry in seq order under an advisory lock, so sales never wait on the chain and the
--    recorded positions are the order verification walks.
-- 2. The chain head (position + hash) seen by each settlement run (and so by every day it settled) and by each
--    statement at confirmation, plus the nightly verification's verdict on the run.
-- 3. statement_confirmation: the confirmed state of a statement, insert-only. Confirming no longer updates
--    `statement`; drafts stay updatable, and triggers refuse any change to a statement, or its lines, once its
--    confirmation exists.

create table ledger_link (
    position        bigint      primary key check (position >= 1),
    entry_id        uuid        not null unique references meal_entry (entry_id),
    -- the entry's seq when it was sealed (part of its hashed content too)
    entry_seq       bigint      not null,
    -- version of the canonical byte encoding the hash was computed over
    encoding        smallint    not null,
    previous_hash   bytea       not null check (length(previous_hash) = 32),
    hash            bytea       not null unique check (length(hash) = 32),
    sealed_at       timestamptz not null default now()
);

-- A link continues the chain: position 1 starts from 32 zero bytes, every other one names its predecessor's hash.
create function ledger_link_continues_chain() returns trigger language plpgsql as $$
begin
    if new.position = 1 then
        if new.previous_hash <> decode(repeat('00', 32), 'hex') then
            raise exception 'ledger_link 1 must start from the zero hash' using errcode = 'P0001';
        end if;
    elsif not exists (select 1 from ledger_link p where p.position = new.position - 1 and p.hash = new.previous_hash) then
        raise exception 'ledger_link % does not continue the chain', new.position using errcode = 'P0001';
    end if;
    return new;
end;
$$;
create trigger ledger_link_continues before insert on ledger_link
    for each row execute function ledger_link_continues_chain();
create trigger ledger_link_append_only before update or delete on ledger_link
    for each row execute function meal_entry_is_append_only();
create trigger ledger_link_no_truncate before truncate on ledger_link
    for each statement execute function meal_entry_is_append_only();

-- The head each run saw (after sealing), and for nightly runs the verification of the whole chain.
alter table settlement_run add column chain_position bigint;
alter table settlement_run add column chain_hash bytea check (chain_hash is null or length(chain_hash) = 32);
-- null: not verified by this run (runs asked for by a person); true: intact; false: see chain_problem
alter table settlement_run add column chain_verified boolean;
alter table settlement_run add column chain_problem text;

-- The confirmed state of a statement: its totals as confirmed, who and when, and the ledger chain's head then.
create table statement_confirmation (
    statement_id            bigint      primary key references statement (id),
    confirmed_at            timestamptz not null,
    confirmed_by            text        not null,
    -- null only for statements confirmed before the chain existed (migrated below)
    chain_position          bigint,
    chain_hash              bytea       check (chain_hash is null or length(chain_hash) = 32),
    rule_versions           text        not null,
    sales                   bigint      not null,
    voids                   bigint      not null,
    meals                   bigint      not null,
    discount_fen            bigint      not null,
    operating_subsidy_fen   bigint      not null,
    net_owed_fen            bigint      not null,
    adjustment_meals        bigint      not null,
    adjustment_net_owed_fen bigint      not null,
    line_count              integer     not null,
    check (net_owed_fen = discount_fen + operating_subsidy_fen)
);

insert into statement_confirmation (statement_id, confirmed_at, confirmed_by, rule_versions, sales, voids, meals,
                                    discount_fen, operating_subsidy_fen, net_owed_fen, adjustment_meals,
                                    adjustment_net_owed_fen, line_count)
select s.id, s.confirmed_at, s.confirmed_by, s.rule_versions, s.sales, s.voids, s.meals, s.discount_fen,
       s.operating_subsidy_fen, s.net_owed_fen, s.adjustment_meals, s.adjustment_net_owed_fen,
       (select count(*) from statement_line l where l.statement_id = s.id)
from statement s where s.status = 'CONFIRMED';

-- A confirmation copies the statement as it stands: the copy must equal it.
create function statement_confirmation_matches() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from statement s
                   where s.id = new.statement_id and s.rule_versions = new.rule_versions and s.sales = new.sales
                     and s.voids = new.voids and s.meals = new.meals and s.discount_fen = new.discount_fen
                     and s.operating_subsidy_fen = new.operating_subsidy_fen and s.net_owed_fen = new.net_owed_fen
                     and s.adjustment_meals = new.adjustment_meals
                     and s.adjustment_net_owed_fen = new.adjustment_net_owed_fen)
       or new.line_count <> (select count(*) from statement_line l where l.statement_id = new.statement_id) then
        raise exception 'confirmation of statement % does not match the statement', new.statement_id
            using errcode = 'P0001';
    end if;
    return new;
end;
$$;
create trigger statement_confirmation_matches before insert on statement_confirmation
    for each row execute function statement_confirmation_matches();
create function statement_confirmation_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'a confirmed statement stays confirmed: statement_confirmation cannot be changed (%)', tg_op
        using errcode = 'P0001';
end;
$$;
create trigger statement_confirmation_append_only before update or delete on statement_confirmation
    for each row execute function statement_confirmation_is_append_only();
create trigger statement_confirmation_no_truncate before truncate on statement_confirmation
    for each statement execute function statement_confirmation_is_append_only();

-- The status now lives in statement_confirmation alone.
drop trigger statement_immutable on statement;
drop trigger statement_line_immutable on statement_line;
drop function statement_confirmed_is_immutable();
drop function statement_line_of_confirmed_is_immutable();
alter table statement drop column status;
alter table statement drop column confirmed_at;
alter table statement drop column confirmed_by;

create function statement_confirmed_is_immutable() returns trigger language plpgsql as $$
begin
    if exists (select 1 from statement_confirmation c where c.statement_id = old.id) then
        raise exception 'statement % is confirmed and cannot be %', old.id,
            case when tg_op = 'DELETE' then 'deleted' else 'changed' end using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger statement_immutable before update or delete on statement
    for each row execute function statement_confirmed_is_immutable();

create function statement_line_of_confirmed_is_immutable() returns trigger language plpgsql as $$
begin
    if (tg_op <> 'INSERT' and exists (select 1 from statement_confirmation c where c.statement_id = old.statement_id))
       or (tg_op <> 'DELETE' and exists (select 1 from statement_confirmation c where c.statement_id = new.statement_id)) then
        raise exception 'statement % is confirmed: its lines cannot change',
            case when tg_op = 'DELETE' then old.statement_id else new.statement_id end using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger statement_line_immutable before insert or update or delete on statement_line
    for each row execute function statement_line_of_confirmed_is_immutable();
