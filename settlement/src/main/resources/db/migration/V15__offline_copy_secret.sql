-- The central secret the offline copies' card keys are derived from (one key per jurisdiction and day, see
-- OfflineCopyKeys), unless the configuration names one (laorenjia.offline-copy.secret). Made once by the service on
-- first use; never in the repository. Append-only: written once, never updated.
create table offline_copy_secret (
    id          smallint    primary key check (id = 1),
    secret      bytea       not null check (length(secret) >= 32),
    created_at  timestamptz not null default now()
);
