-- The register's ids are allocated by Hibernate 50 at a time (pooled optimiser), so that loading
-- thousands of seniors and facts goes out as JDBC batches; plain SQL inserts still use the defaults.
alter sequence canteen_id_seq increment by 50;
alter sequence meal_set_id_seq increment by 50;
alter sequence terminal_id_seq increment by 50;
alter sequence senior_id_seq increment by 50;
alter sequence senior_fact_id_seq increment by 50;
alter sequence card_id_seq increment by 50;
