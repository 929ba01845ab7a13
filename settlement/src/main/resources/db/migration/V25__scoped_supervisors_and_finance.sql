-- Issue 19: supervisors and finance can be limited to a 区 (district) or a 区 + 街镇 (subdistrict), as a 街道 clerk
-- is to one 街镇. Administrators and canteen managers are never limited by area (a manager is limited to a canteen).
alter table person drop constraint person_clerk_has_subdistrict;
alter table person add constraint person_clerk_has_subdistrict check (
    not ('subdistrict_clerk' = any (roles)) or (district is not null and subdistrict is not null));
alter table person add constraint person_subdistrict_needs_district check (subdistrict is null or district is not null);
alter table person add constraint person_area_roles check (
    district is null or not (roles && array['administrator', 'canteen_manager']::text[]));
