-- The senior's own phone page (issue 21): a clerk issues a one-time activation code, the phone that redeems it gets a
-- device credential. Only hashes are stored (SHA-256 of a random code or secret): a copy of the database does not
-- let anyone bind a phone or show a senior's meal code. Rows are never deleted: a used code and a revoked device stay
-- for the audit (the service updates used_at, last_used_at and revoked_*; afterMigrate lists them as update-only).
create table senior_phone_activation (
    id          bigserial   primary key,
    senior_id   bigint      not null references senior (id),
    code_hash   bytea       not null unique,
    created_at  timestamptz not null,
    created_by  text        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    check (expires_at > created_at)
);
create index senior_phone_activation_senior on senior_phone_activation (senior_id, created_at desc);

create table senior_phone_device (
    id            bigserial   primary key,
    senior_id     bigint      not null references senior (id),
    -- as the family named it (爸爸的手机): shown on the register page and the phone page
    name          text        not null check (length(name) between 1 and 20),
    secret_hash   bytea       not null unique,
    activation_id bigint      not null unique references senior_phone_activation (id),
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    -- a person's username, or "device N of senior X" when revoked from a phone page
    revoked_by    text,
    check ((revoked_at is null) = (revoked_by is null))
);
create index senior_phone_device_senior on senior_phone_device (senior_id, id);

-- a bound phone acts for its senior: the audit names it "device N of senior X", of its own kind
alter table audit_event drop constraint audit_event_actor_kind_check;
alter table audit_event add constraint audit_event_actor_kind_check
    check (actor_kind in ('PERSON', 'TERMINAL', 'SYSTEM', 'ANONYMOUS', 'DEVICE'));

-- The service may only move these rows forward: a code is used once, a phone records its use and a revocation is
-- final. A service role that could un-revoke a lost phone, re-arm a used code or swap a secret or a senior would
-- rewrite what the audit says happened.
create function senior_phone_activation_moves_forward() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.senior_id <> old.senior_id or new.code_hash <> old.code_hash
            or new.created_at <> old.created_at or new.created_by <> old.created_by or new.expires_at <> old.expires_at
            or old.used_at is not null then
        raise exception 'an activation code is only ever marked used, once' using errcode = 'P0001';
    end if;
    return new;
end $$;
create trigger senior_phone_activation_moves_forward before update on senior_phone_activation
    for each row execute function senior_phone_activation_moves_forward();

create function senior_phone_device_moves_forward() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.senior_id <> old.senior_id or new.name <> old.name
            or new.secret_hash <> old.secret_hash or new.activation_id <> old.activation_id
            or new.created_at <> old.created_at
            or (old.revoked_at is not null and (new.revoked_at is distinct from old.revoked_at
                                                or new.revoked_by is distinct from old.revoked_by)) then
        raise exception 'a phone''s binding only records its use and, once, its revocation' using errcode = 'P0001';
    end if;
    return new;
end $$;
create trigger senior_phone_device_moves_forward before update on senior_phone_device
    for each row execute function senior_phone_device_moves_forward();

create function senior_phone_rows_stay() returns trigger language plpgsql as $$
begin
    raise exception '% rows are kept for the audit', tg_table_name using errcode = 'P0001';
end $$;
create trigger senior_phone_activation_stays before delete on senior_phone_activation
    for each row execute function senior_phone_rows_stay();
create trigger senior_phone_device_stays before delete on senior_phone_device
    for each row execute function senior_phone_rows_stay();
