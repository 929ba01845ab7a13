-- Cashiers of each canteen, who sign in at the counter with their number and PIN (issue 15): the register keeps
-- them (mutable: a PIN is changed, a cashier deactivated, never deleted so the ledger's numbers stay explainable).
create table cashier (
    id           bigserial   primary key,
    canteen_id   bigint      not null references canteen (id),
    -- the number on the staff badge, unique within the canteen
    number       text        not null check (number ~ '^[0-9]{1,8}$'),
    name         text        not null check (length(name) between 1 and 40),
    -- bcrypt modular-crypt string of the PIN; the PIN itself is never stored
    pin_hash     text        not null check (pin_hash like '$2%'),
    active       boolean     not null default true,
    created_at   timestamptz not null,
    changed_at   timestamptz not null,
    unique (canteen_id, number)
);

-- Who signed for each sale and void at the counter: null for API clients, for counters from before cashiers
-- signed in, and for every entry recorded before this column. Added without a default, so no existing row is
-- rewritten (the ledger is append-only; its trigger refuses updates).
alter table meal_entry add column cashier_number text check (cashier_number ~ '^[0-9]{1,8}$');
