-- One round trip where a sale needed two: take the senior's quota lock, then read the day and week counters.
-- The function is VOLATILE, so under READ COMMITTED its second query takes a fresh snapshot after the lock is
-- granted: it sees every meal committed by whoever held the lock before (a single "select lock, counters" statement
-- would read the counters as of before it waited). The lock key is the one the offline batches take
-- (QuotaCounters: hashtext('laorenjia.quota') and the senior's id as an int), so live sales, voids and offline
-- batches of one senior still serialise with each other.
create function quota_lock_and_read(lock_key integer, senior bigint, day date, monday date,
                                    out used_today integer, out used_week integer)
    language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock(hashtext('laorenjia.quota'), lock_key);
    select coalesce((select q.used from quota_day q where q.senior_id = senior and q.meal_date = day), 0),
           coalesce((select q.used from quota_week q where q.senior_id = senior and q.week_monday = monday), 0)
      into used_today, used_week;
end
$$;
