-- The register: canteens with their menus and terminals, seniors with dated facts, and cards.
-- Money is integer fen everywhere; dates are Asia/Shanghai calendar dates decided by the application.

create table canteen (
    id                      bigserial primary key,
    code                    text        not null unique,
    name                    text        not null,
    -- which policy applies (a jurisdiction is configuration: see the core's policies/)
    jurisdiction            text        not null,
    district                text        not null,               -- 区, e.g. 宝坻区
    subdistrict             text        not null,               -- 街镇, e.g. 海滨街道
    address                 text,
    standard_set_price_fen  bigint      not null check (standard_set_price_fen > 0),
    active                  boolean     not null default true,
    created_at              timestamptz not null default now()
);
create index canteen_subdistrict_idx on canteen (district, subdistrict);

-- The canteen's menu: each set belongs to one meal slot; some are cheaper than the standard set.
create table meal_set (
    id          bigserial primary key,
    canteen_id  bigint      not null references canteen (id),
    code        text        not null,
    name        text        not null,
    slot        text        not null check (slot in ('BREAKFAST', 'LUNCH', 'DINNER')),
    price_fen   bigint      not null check (price_fen >= 0),
    active      boolean     not null default true,
    unique (canteen_id, code)
);

-- A counter terminal acts only for its own canteen.
create table terminal (
    id          bigserial primary key,
    code        text        not null unique,
    canteen_id  bigint      not null references canteen (id),
    name        text        not null,
    active      boolean     not null default true,
    created_at  timestamptz not null default now()
);
create index terminal_canteen_idx on terminal (canteen_id);

create table senior (
    id          bigserial primary key,
    -- the 18-character 居民身份证号码; shown masked to anyone who does not need it in full
    id_number   text        not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
    name        text        not null,
    birth_date  date        not null,
    male        boolean     not null,
    phone       text,
    district    text        not null,
    subdistrict text        not null,
    created_at  timestamptz not null default now()
);
create index senior_subdistrict_idx on senior (district, subdistrict);

-- Everything eligibility depends on is a fact holding over a period [valid_from, valid_to).
-- Kinds and values mirror cn.laorenjia.core.senior.FactKind / Fact.
create table senior_fact (
    id          bigserial primary key,
    senior_id   bigint      not null references senior (id),
    kind        text        not null check (kind in (
                    'LOCAL_HOUSEHOLD', 'VISITING_CARE_CATEGORY', 'HOME_CARE_SUBSIDY', 'LOW_INCOME_STATUS',
                    'DISABILITY_LEVEL', 'HARDSHIP_DISABILITY_ALLOWANCE', 'INSTITUTION_RESIDENCE',
                    'CENTRALISED_SUPPORT', 'ENROLMENT', 'DEATH')),
    value       text,
    valid_from  date        not null,
    valid_to    date,
    recorded_at timestamptz not null default now(),
    check (valid_to is null or valid_to > valid_from)
);
create index senior_fact_senior_idx on senior_fact (senior_id);

-- Cards and QR credentials identify a senior; an identifier is unique per kind.
create table card (
    id          bigserial primary key,
    senior_id   bigint      not null references senior (id),
    kind        text        not null check (kind in ('UID', 'SOCIAL_SECURITY', 'PRINTED_QR')),
    identifier  text        not null,
    status      text        not null default 'ACTIVE' check (status in ('ACTIVE', 'LOST', 'REVOKED')),
    issued_on   date        not null,
    revoked_on  date,
    unique (kind, identifier)
);
create index card_senior_idx on card (senior_id);
