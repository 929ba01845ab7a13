-- Bulk import of the register and of 民政 change lists (issue 18, cn.laorenjia.settlement.register.importing).
-- Both tables are append-only (not listed as mutable in afterMigrate.sql): the service reads and inserts, never
-- updates or deletes. A dry run and the import that applies it are two rows; the file itself is kept once per hash.

-- The uploaded files, once per content: an apply reads the file its dry run checked, never a second upload.
create table register_import_file (
    sha256       text        primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    content      bytea       not null,
    size_bytes   bigint      not null check (size_bytes > 0),
    uploaded_at  timestamptz not null,
    uploaded_by  text        not null
);

create table register_import (
    id              bigserial   primary key,
    -- REGISTER (new seniors with facts and cards) or CHANGES (deaths, institution, 低保, disability ...)
    kind            text        not null check (kind in ('REGISTER', 'CHANGES')),
    -- DRY_RUN: checked, nothing written; APPLIED: written, all rows in one transaction
    mode            text        not null check (mode in ('DRY_RUN', 'APPLIED')),
    sha256          text        not null references register_import_file (sha256),
    file_name       text        not null check (length(file_name) between 1 and 200),
    format          text        not null check (format in ('CSV', 'XLSX')),
    charset         text,
    -- the dry run an APPLIED row applied
    dry_run_id      bigint      references register_import (id),
    at              timestamptz not null,
    actor           text        not null,
    rows_total      integer     not null check (rows_total >= 0),
    rows_ok         integer     not null check (rows_ok >= 0),
    rows_unchanged  integer     not null check (rows_unchanged >= 0),
    rows_with_problems integer  not null check (rows_with_problems >= 0),
    problems        integer     not null check (problems >= 0),
    -- what was written (APPLIED): seniors, facts, facts ended, cards
    written         jsonb       not null default '{}'::jsonb,
    -- the file sent back: every row with its outcome and problems (CSV, UTF-8 with BOM, opens in Excel)
    result_file     bytea       not null,
    check ((mode = 'APPLIED') = (dry_run_id is not null))
);
create index register_import_at on register_import (at desc, id desc);
-- The same file is applied once: a second apply (or a race of two) finds this one and changes nothing.
create unique index register_import_applied_once on register_import (kind, sha256) where mode = 'APPLIED';
