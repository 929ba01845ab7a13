-- Who may call the service: counter terminals with their own secret, and people with roles.

-- One secret per terminal. Only a SHA-256 digest is kept: the secret is 256 random bits shown once to
-- the administrator who issued it, so a digest cannot be reversed or guessed, and a fast hash (unlike
-- bcrypt) keeps authenticating every sale cheap at the lunch peak. Rotating replaces the row's digest.
create table terminal_credential (
    terminal_id    bigint      primary key references terminal (id),
    secret_sha256  bytea       not null check (length(secret_sha256) = 32),
    issued_at      timestamptz not null,
    issued_by      text        not null
);

-- People who sign in: administrators, finance staff, supervisors and canteen managers.
-- password_hash is a bcrypt modular-crypt string ($2a$...); null for someone who signs in only
-- through an external identity provider.
create table person (
    id             bigserial   primary key,
    username       text        not null unique check (username ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
    display_name   text        not null,
    password_hash  text        check (password_hash is null or password_hash like '$2%'),
    roles          text[]      not null check (
                       cardinality(roles) > 0
                       and roles <@ array['administrator', 'finance', 'supervisor', 'canteen_manager']::text[]),
    -- a canteen manager manages exactly one canteen; nobody else is tied to one
    canteen_id     bigint      references canteen (id),
    active         boolean     not null default true,
    created_at     timestamptz not null,
    check (('canteen_manager' = any (roles)) = (canteen_id is not null))
);
