-- Feed sources from channel manifests, polled with conditional GET. Durable: the schedule and validators survive restarts.
create table feed_sources (
    id             bigserial primary key,
    channel_id     text not null references channels (id),
    url            text not null,
    poll_minutes   integer not null,
    publish        boolean not null,
    etag           text,
    last_modified  timestamptz,
    next_poll_at   timestamptz not null,
    lease_until    timestamptz,
    last_polled_at timestamptz,
    last_status    text,
    last_error     text,
    enabled        boolean not null default true,
    unique (channel_id, url)
);

-- Entries already taken from a feed, so a re-poll ingests only what is new.
create table feed_entries (
    source_id   bigint not null references feed_sources (id),
    entry_key   text not null,
    story_id    uuid references stories (id),
    seen_at     timestamptz not null,
    primary key (source_id, entry_key)
);
