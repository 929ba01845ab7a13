-- When the central answered each terminal (issue 14): the proof that a terminal claiming it sold offline at a
-- moment was, or was not, being answered then. One row per terminal and minute in which the central answered it
-- (any authenticated terminal request it answered without a server failure), with the first and last answer of
-- that minute. Mutable on purpose: a minute's row is upserted as answers come (first_at = least, last_at =
-- greatest), from a buffer the service flushes every few seconds; rows older than the offline max-age are deleted.
create table terminal_contact (
    terminal_id bigint      not null references terminal (id),
    minute      timestamptz not null,   -- the minute's start (UTC-aligned, like Asia/Shanghai's)
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    primary key (terminal_id, minute),
    check (first_at <= last_at),
    check (first_at >= minute and last_at < minute + interval '1 minute')
);
