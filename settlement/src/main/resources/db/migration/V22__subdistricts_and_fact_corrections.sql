-- Issue 18, the register's defects.
--
-- The 街镇 of each district a senior or canteen may be placed in (the jurisdiction's list): "海滨街" is not
-- "海滨街道". Administrators list, add and deactivate them (audited); a deactivated one is kept (seniors and canteens
-- already placed there keep their 街镇) but no longer accepted for a new entry. Never deleted.
create table subdistrict (
    id          bigserial   primary key,
    district    text        not null check (length(district) between 1 and 32),
    name        text        not null check (length(name) between 1 and 32),
    -- the short code canteen codes carry ("HB" in BD-HB-01)
    short_code  text        not null check (short_code ~ '^[A-Z0-9]{1,8}$'),
    active      boolean     not null default true,
    created_at  timestamptz not null,
    created_by  text        not null,
    unique (district, name)
);

-- A same-day correction: a fact recorded by mistake (approved today, withdrawn today; a fact ended on its first day)
-- never held on any day. It is not deleted: the row stays, marked corrected, with who corrected it and when, so the
-- senior's history shows both the mistake and its correction; every reader of the facts leaves corrected rows out.
alter table senior_fact add column corrected_at timestamptz;
alter table senior_fact add column corrected_by text;
alter table senior_fact add constraint senior_fact_correction_attributed
    check ((corrected_at is null) = (corrected_by is null));
