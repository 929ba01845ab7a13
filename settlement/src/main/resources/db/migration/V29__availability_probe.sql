-- The commit probe behind readiness (cn.laorenjia.settlement.availability.CommitProbe): one row, updated by every
-- probe. An update writes WAL, so its COMMIT waits for the synchronous standbys like a sale's does; a transaction
-- that only takes an id (select txid_current()) commits without waiting and would not see commits stall.
create table availability_probe (
    id           smallint    primary key check (id = 1),
    committed_at timestamptz not null
);
insert into availability_probe (id, committed_at) values (1, now());
