-- Flyway callback, after every migrate (also when there was nothing to migrate), as the owner of the schema: the
-- service's role ${service_role} (the datasource's user) gets exactly the rights it needs on every table, those a
-- later migration adds included, and nothing else. Then the guarantees are checked; a broken one stops the start.
--
-- A table is append-only unless listed here: the service reads and inserts, never updates, deletes or truncates
-- (the ledger meal_entry, settled_day, settlement_adjustment, offline_rejection, qr_phone_code_use, ... and every
-- new table). Only the owner (migrations) or a superuser can change those rows or disable their triggers.
do $grants$
declare
    service constant text := '${service_role}';
    -- the service updates and deletes in these (the register, people and credentials, quota counters, runs)
    mutable constant text[] := array['canteen', 'meal_set', 'terminal', 'senior', 'senior_fact', 'card',
        'person', 'terminal_credential', 'quota_day', 'quota_week', 'settlement_run',
        -- when the central last answered each terminal (upserted per minute, pruned after the offline max-age)
        'terminal_contact',
        -- cashiers of the canteens: a PIN changed, a cashier deactivated (V19)
        'cashier'];
    -- drafts: a draft statement's totals are refreshed and finance confirms it (UPDATE; the trigger keeps a
    -- confirmed one as it is), a draft's lines are rebuilt (DELETE; the trigger keeps a confirmed one's lines)
    -- an application's state moves on (its trigger allows only steps recorded in the append-only application_event);
    -- the 街镇 list (V22): an administrator deactivates one, never deletes it
    -- the commit probe's one row (V29), updated by every readiness probe
    -- an activation code used, a phone's last use and its revocation (V30)
    update_only constant text[] := array['statement', 'application', 'subdistrict', 'anomaly_case',
        'availability_probe', 'senior_phone_activation', 'senior_phone_device'];
    delete_only constant text[] := array['statement_line'];
    t record;
    may_set boolean;
begin
    if not exists (select 1 from pg_roles where rolname = service) then
        raise exception 'the service role "%" does not exist: create it as README "使用真实的 PostgreSQL 服务器" says',
            service;
    end if;
    if service = current_user then
        raise exception 'the service connects as "%", the role Flyway migrates as (the schema''s owner): give Flyway '
            'the owner role (quarkus.flyway.username/password) and the service its own role, see README', service;
    end if;

    for t in select c.relname, c.relkind from pg_class c
             where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
             order by c.relname loop
        execute format('revoke all on table %I from %I', t.relname, service);
        if t.relname = '${flyway:table}' then
            continue;
        elsif t.relkind in ('v', 'm') then
            execute format('grant select on table %I to %I', t.relname, service);
        else
            execute format('grant select, insert on table %I to %I', t.relname, service);
            if t.relname = any (mutable) then
                execute format('grant update, delete on table %I to %I', t.relname, service);
            elsif t.relname = any (update_only) then
                execute format('grant update on table %I to %I', t.relname, service);
            elsif t.relname = any (delete_only) then
                execute format('grant delete on table %I to %I', t.relname, service);
            end if;
        end if;
    end loop;
    for t in select c.relname from pg_class c
             where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S' loop
        execute format('revoke all on sequence %I from %I', t.relname, service);
        execute format('grant usage on sequence %I to %I', t.relname, service);
    end loop;
    -- PostgreSQL before 15 lets everyone create in the public schema
    if has_schema_privilege(service, current_schema(), 'CREATE') then
        execute format('revoke create on schema %I from public', current_schema());
        execute format('revoke create on schema %I from %I', current_schema(), service);
    end if;

    -- The guarantees. Each one is what keeps the service from rewriting what it acknowledged.
    if exists (select 1 from pg_roles where rolname = service
               and (rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls)) then
        raise exception 'the service role "%" must not be superuser, nor create roles or databases, nor replicate, '
            'nor bypass row security', service;
    end if;
    if pg_has_role(service, current_user, 'MEMBER') then
        raise exception 'the service role "%" must not be a member of the owner role "%"', service, current_user;
    end if;
    if exists (select 1 from pg_class c where c.relnamespace = current_schema()::regnamespace
               and c.relowner = service::regrole) then
        raise exception 'the service role "%" owns tables of schema %: the owner role must own them all (ALTER ... '
            'OWNER TO %, or REASSIGN OWNED as a superuser)', service, current_schema(), current_user;
    end if;
    if has_schema_privilege(service, current_schema(), 'CREATE') then
        raise exception 'the service role "%" can create objects in schema % (a superuser runs: REVOKE CREATE ON '
            'SCHEMA % FROM PUBLIC)', service, current_schema(), current_schema();
    end if;
    -- session_replication_role = replica would silence every trigger; only a superuser, or a role granted SET on it
    -- (PostgreSQL 15+), can set it
    if current_setting('server_version_num')::int >= 150000 then
        execute 'select has_parameter_privilege($1, ''session_replication_role'', ''SET'')' into may_set using service;
        if may_set then
            raise exception 'the service role "%" may SET session_replication_role (REVOKE SET ON PARAMETER '
                'session_replication_role FROM ...)', service;
        end if;
    end if;
end
$grants$;
