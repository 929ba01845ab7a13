-- Why an offline sale was a CONFLICT (QUOTA_USED_TODAY, QUOTA_USED_THIS_WEEK, NOT_ELIGIBLE, ...): a resent sync
-- answers exactly as it did the first time, reason included, and reports can tell the reasons apart.
alter table meal_entry add column offline_reason text
    check (offline_reason is null or offline_outcome = 'CONFLICT');
