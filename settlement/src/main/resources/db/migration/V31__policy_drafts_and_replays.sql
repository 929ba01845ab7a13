-- Proposed policies (drafts) and the replays run with them (issue 22, cn.laorenjia.settlement.replay).
-- Both tables are append-only (not listed in afterMigrate.sql): the service reads and inserts, never updates or
-- deletes. A draft's edit is a new revision and its withdrawal a row of its own, so every text that was ever replayed
-- stays readable beside the report it gave.

-- One row per revision of a draft. A draft is named by the version id its YAML declares (e.g. tianjin-2026-4yuan);
-- its state is its latest row: UPLOADED or EDITED (a text, replayable) or WITHDRAWN (no text; no longer offered).
-- A draft is never in force: it never enters the catalogue the live decisions read.
create table policy_draft (
    id            bigserial   primary key,
    version_id    text        not null check (length(version_id) between 1 and 100),
    revision      integer     not null check (revision >= 1),
    kind          text        not null check (kind in ('UPLOADED', 'EDITED', 'WITHDRAWN')),
    jurisdiction  text        not null,
    title_zh      text        not null,
    yaml_text     text        check (octet_length(yaml_text) <= 65536),
    at            timestamptz not null,
    actor         text        not null,
    unique (version_id, revision),
    check ((kind = 'WITHDRAWN') = (yaml_text is null))
);
create index policy_draft_latest on policy_draft (version_id, revision desc);

-- One row per replay run: who ran it, on which version (a draft's revision or a catalogue version), over which meal
-- dates, and the report itself, so the page and the XLSX read it back without running it again.
create table policy_replay_run (
    id              bigserial   primary key,
    at              timestamptz not null,
    actor           text        not null,
    version_id      text        not null,
    -- DRAFT: policy_draft row draft_id; CATALOGUE: a version of the shipped catalogue
    source          text        not null check (source in ('DRAFT', 'CATALOGUE')),
    draft_id        bigint      references policy_draft (id),
    period_from     date        not null,
    period_to       date        not null check (period_to >= period_from),
    elapsed_ms      bigint      not null check (elapsed_ms >= 0),
    ran_on_replica  boolean     not null,
    report          jsonb       not null,
    check ((source = 'DRAFT') = (draft_id is not null))
);
create index policy_replay_run_at on policy_replay_run (at desc, id desc);
