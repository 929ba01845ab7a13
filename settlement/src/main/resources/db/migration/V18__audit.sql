-- Who did what (issue 14, "Who did what"). The service only ever inserts here: the service's database role is
-- granted SELECT and INSERT on audit_event and nothing more, so an entry cannot be changed or removed by it.
create table audit_event (
    id            bigserial   primary key,
    at            timestamptz not null,
    -- a person's username, a terminal's code, or 'system' (start-up, the sample data loader, scheduled work)
    actor         text        not null,
    actor_kind    text        not null check (actor_kind in ('PERSON', 'TERMINAL', 'SYSTEM', 'ANONYMOUS')),
    -- the client's IP address as the service saw it; null for the system
    address       text,
    -- a stable code (cn.laorenjia.settlement.audit.AuditAction), never renamed
    action        text        not null,
    subject_kind  text,
    subject_id    text,
    -- why: required when personal data is read in full
    reason        text,
    details       jsonb       not null default '{}'::jsonb
);
create index audit_event_at on audit_event (at desc, id desc);
create index audit_event_actor on audit_event (actor, at desc);
create index audit_event_subject on audit_event (subject_kind, subject_id, at desc);
create index audit_event_action on audit_event (action, at desc);

-- The actor on each fact and card: who recorded it (and, for an ended fact or a revoked card, who ended it).
-- Rows from before this migration, and the sample register, were recorded by the system.
alter table senior_fact add column recorded_by text not null default 'system';
alter table senior_fact add column ended_by text;
alter table card add column recorded_by text not null default 'system';
alter table card add column revoked_by text;
