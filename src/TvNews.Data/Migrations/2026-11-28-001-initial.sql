-- Initial schema. Plain SQL that runs on PostgreSQL 15 (development, CI) and 16 (docker-compose).

create table channels (
    id              text primary key,
    name            text not null,
    language        text not null,
    manifest        jsonb not null,
    feed_version    bigint not null default 0,
    feed_updated_at timestamptz not null,
    loaded_at       timestamptz not null
);

create table api_keys (
    id         bigserial primary key,
    key_hash   bytea not null unique,
    role       text not null check (role in ('viewer', 'producer', 'editor', 'admin')),
    label      text not null,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create table articles (
    id           uuid primary key,
    channel_id   text not null references channels (id),
    -- Identity of the source article within the channel: its canonical URL, or its normalised headline for text
    -- dumps, so re-ingesting the same article updates it (as a new version) instead of duplicating it.
    source_key   text not null,
    content_hash text not null,
    version      integer not null,
    headline     text not null,
    language     text not null,
    article      jsonb not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (channel_id, source_key)
);

-- Every version an article has had before its current one (which lives in articles).
create table article_versions (
    article_id   uuid not null references articles (id),
    version      integer not null,
    content_hash text not null,
    article      jsonb not null,
    created_at   timestamptz not null,
    primary key (article_id, version)
);

create table stories (
    id               uuid primary key,
    article_id       uuid not null unique references articles (id),
    channel_id       text not null references channels (id),
    state            text not null check (state in ('draft', 'published')),
    -- A locked story keeps the article version it has when the source changes.
    locked           boolean not null default false,
    slide_plan       jsonb not null,
    plan_hash        text not null,
    render_state     text not null check (render_state in ('none', 'queued', 'rendering', 'ready', 'failed')),
    -- The plan hash the current media was rendered from; equal to plan_hash when the media is current.
    rendered_hash    text,
    media            jsonb,
    duration_seconds double precision,
    published_at     timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create index stories_published_by_channel on stories (channel_id, published_at desc) where state = 'published';

-- Durable render work: claimed with FOR UPDATE SKIP LOCKED, leased, retried with backoff.
create table render_jobs (
    id                bigserial primary key,
    story_id          uuid not null references stories (id),
    plan_hash         text not null,
    publish_when_done boolean not null,
    state             text not null check (state in ('queued', 'running', 'done', 'failed')),
    attempts          integer not null default 0,
    run_after         timestamptz not null,
    lease_until       timestamptz,
    last_error        text,
    created_at        timestamptz not null,
    started_at        timestamptz,
    finished_at       timestamptz
);

create index render_jobs_ready on render_jobs (run_after) where state in ('queued', 'running');
