-- Phone QR codes used for a sale. A phone code is good for one sale: a second sale with the same code is
-- refused as a replay, while a retry of the same sale (same sale id) is not. Rows are kept (a few per
-- senior and day) so that a replay is explainable later; expires_at lets a housekeeping job prune them.
create table qr_phone_code_use (
    key_id      smallint    not null,
    holder_id   bigint      not null,
    issued_at   timestamptz not null,
    nonce       integer     not null,
    sale_id     uuid        not null,
    used_at     timestamptz not null,
    expires_at  timestamptz not null,
    primary key (key_id, holder_id, issued_at, nonce)
);
create index qr_phone_code_use_expires_idx on qr_phone_code_use (expires_at);
