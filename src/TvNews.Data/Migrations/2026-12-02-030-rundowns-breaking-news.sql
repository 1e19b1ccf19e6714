-- Issue 6: a rundown per channel (an ordered list of stories with planned durations) and breaking news.

-- One row per channel that has a rundown. version goes up with every change (PUT, breaking news start and end) and
-- is the rundown's ETag, so two editors never overwrite each other's work.
create table rundowns (
    channel_id text primary key references channels (id),
    version    bigint not null,
    -- When the first item goes on air; null: the rundown runs from "now" whenever it is read.
    starts_at  timestamptz,
    updated_at timestamptz not null
);

create table rundown_items (
    id              uuid primary key,
    channel_id      text not null references rundowns (channel_id),
    position        integer not null,
    story_id        uuid not null references stories (id),
    -- Null: the story's video duration, else its plan's reading time.
    planned_seconds double precision check (planned_seconds > 0),
    -- A floated item stays in the list but is skipped: it counts no time and has no on-air times.
    floated         boolean not null default false,
    unique (channel_id, position) deferrable initially deferred,
    unique (channel_id, story_id)
);

-- Breaking news: at most one active item per channel (ended_at is null until it expires or an editor ends it).
create table breaking_news (
    id            uuid primary key,
    channel_id    text not null references channels (id),
    headline      text not null,
    -- The story the editor named, if any. When it already had video it goes on top itself and there is no card.
    story_id      uuid references stories (id),
    -- The breaking-news card: a one-slide story rendered through the render queue at the highest priority.
    card_story_id uuid references stories (id),
    started_at    timestamptz not null,
    expires_at    timestamptz not null,
    ended_at      timestamptz,
    -- 'expired' (the worker) or 'ended' (an editor's DELETE).
    end_reason    text,
    actor_id      text not null,
    actor_name    text not null,
    check (story_id is not null or card_story_id is not null)
);

create unique index breaking_news_active on breaking_news (channel_id) where ended_at is null;
create index breaking_news_due on breaking_news (expires_at) where ended_at is null;

-- Render priority: higher is claimed first (a breaking-news card jumps the queue); everything else keeps 0.
alter table render_jobs add column priority integer not null default 0;
