-- Issue 19, 信息公开 and the supervision pages.
--
-- What the public page (/public/canteens, no sign-in) says about a canteen besides its name, address and menu: when it
-- is open (free text an administrator keeps, e.g. "周一至周六 11:00-13:00") and a telephone number of the canteen for
-- the public. Both optional: the page says 未登记 without them. Set on the register's canteen page (audited).
alter table canteen add column opening_hours text check (opening_hours is null or length(opening_hours) between 1 and 60);
alter table canteen add column public_phone text check (public_phone is null or public_phone ~ '^[0-9][0-9-]{2,18}[0-9]$');
-- Whom to call about the meal programme in a 街镇 (the 街道/乡镇 民政 office); the district's own hotline is a setting
-- (laorenjia.public.district-hotline). Optional; set through the 街镇 API (audited).
alter table subdistrict add column contact_phone text check (contact_phone is null or contact_phone ~ '^[0-9][0-9-]{2,18}[0-9]$');

-- The public list filters active canteens by 区/街镇 and orders them by 街镇 and code; the name search is a bounded
-- substring match over the page's filter (at most a few thousand rows of one district).
create index canteen_public_idx on canteen (district, subdistrict, code) where active;

-- The supervision roll-ups read a month of the ledger (how seniors were identified, offline claims) by meal day for
-- every canteen at once; the ledger's only date index began with the canteen.
create index meal_entry_meal_date_idx on meal_entry (meal_date, canteen_id)
    include (entry_type, identified_by, offline_outcome);
create index till_sale_meal_date_idx on till_sale (meal_date, canteen_id) include (subsidised);
