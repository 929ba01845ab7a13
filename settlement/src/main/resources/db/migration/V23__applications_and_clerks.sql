-- Issue 18: voluntary applications (经自愿申请) and the 街道/乡镇 clerk role.

-- A clerk (subdistrict_clerk, 街道/乡镇经办人员) works for exactly one 区 + 街镇 and sees only its seniors and
-- applications; nobody else is tied to one.
alter table person add column district text;
alter table person add column subdistrict text;
alter table person drop constraint person_roles_check;
alter table person add constraint person_roles_check check (
    cardinality(roles) > 0
    and roles <@ array['administrator', 'finance', 'supervisor', 'canteen_manager', 'subdistrict_clerk']::text[]);
alter table person add constraint person_clerk_has_subdistrict check (
    ('subdistrict_clerk' = any (roles)) = (district is not null and subdistrict is not null));

-- An application for the meal subsidy, from submission to a decision. The identity is as the applicant gave it
-- (the register's entry, if any, is linked on approval); the route claimed and the documents seen are what the
-- reviewer checks. The service updates only its state columns (afterMigrate: update_only); how it got there is
-- application_event, append-only.
create table application (
    id               bigserial   primary key,
    -- the client's idempotency key: a retried submission answers the stored application
    submission_id    uuid        not null unique,
    id_number        text        not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
    name             text        not null,
    phone            text,
    district         text        not null,
    subdistrict      text        not null,
    route            text        not null check (route in ('AGE_80_LOCAL', 'AGE_70_VISITING_CARE',
                         'HOME_CARE_LOW_INCOME_SEVERE_DISABILITY', 'HARDSHIP_DISABILITY_60_TO_70')),
    -- the documents the clerk saw (户口簿, 低保证, ...): no uploads, a list of what was checked
    evidence         text[]      not null,
    -- true when a clerk applied on the senior's behalf, false when the senior applied in person
    on_behalf        boolean     not null,
    state            text        not null check (state in ('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REFUSED',
                         'WITHDRAWN')),
    submitted_at     timestamptz not null,
    submitted_by     text        not null,
    -- the register's senior: known at submission when already registered, else set on approval
    senior_id        bigint      references senior (id),
    -- the decision: approval date (the enrolment holds from it) or the refusal's reason
    decided_on       date,
    decided_by       text,
    refusal_reason   text,
    -- a withdrawal after approval ends the enrolment from this date
    withdrawn_from   date,
    check (state <> 'REFUSED' or (refusal_reason is not null and length(btrim(refusal_reason)) > 0)),
    check (state <> 'APPROVED' or (senior_id is not null and decided_on is not null))
);
create index application_subdistrict_idx on application (district, subdistrict, state);
create index application_id_number_idx on application (id_number);
create index application_senior_idx on application (senior_id);

-- Every state change of an application: who, when, from which state to which, why. Append-only (trigger below;
-- and the service may only insert).
create table application_event (
    id              bigserial   primary key,
    application_id  bigint      not null references application (id),
    at              timestamptz not null,
    actor           text        not null,
    from_state      text,
    to_state        text        not null,
    reason          text,
    details         jsonb       not null default '{}'::jsonb
);
create index application_event_application_idx on application_event (application_id, id);

create function application_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (%)', tg_table_name, tg_op using errcode = 'P0001';
end;
$$;
create trigger application_event_append_only before update or delete on application_event
    for each row execute function application_history_is_append_only();
create trigger application_event_no_truncate before truncate on application_event
    for each statement execute function application_history_is_append_only();
create trigger application_no_delete before delete on application
    for each row execute function application_history_is_append_only();
create trigger application_no_truncate before truncate on application
    for each statement execute function application_history_is_append_only();

-- An application's identity and submission never change, a refused or withdrawn one never changes at all, and its
-- state changes only along a step recorded in application_event (inserted first, in the same transaction).
create function application_changes_follow_events() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.submission_id <> old.submission_id or new.id_number <> old.id_number
            or new.name <> old.name or new.district <> old.district or new.subdistrict <> old.subdistrict
            or new.route <> old.route or new.evidence <> old.evidence or new.on_behalf <> old.on_behalf
            or new.submitted_at <> old.submitted_at or new.submitted_by <> old.submitted_by
            or new.phone is distinct from old.phone then
        raise exception 'application %: what was submitted cannot change', old.id using errcode = 'P0001';
    end if;
    if old.state in ('REFUSED', 'WITHDRAWN') then
        raise exception 'application % is %: it cannot change', old.id, old.state using errcode = 'P0001';
    end if;
    if new.state <> old.state and not exists (
            select 1 from application_event e
            where e.application_id = old.id and e.from_state = old.state and e.to_state = new.state) then
        raise exception 'application %: % -> % without its event', old.id, old.state, new.state
            using errcode = 'P0001';
    end if;
    return new;
end;
$$;
create trigger application_changes_follow_events before update on application
    for each row execute function application_changes_follow_events();
