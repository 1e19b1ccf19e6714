-- Issue 8: every channel is also a 24/7 live TV channel. The as-run log says what played on it, from when, as which
-- segments; the live playlists are a pure function of these rows and the time, so every instance and every restart
-- serves the same stream. Rows are appended just in time (when the playing programme ends) by whichever instance
-- gets there first, under a per-channel advisory lock; the primary key refuses a second writer of the same programme.
create table live_as_run (
    channel_id             text not null references channels (id),
    -- The programme's number on the channel: 0, 1, 2, ...
    seq                    bigint not null,
    kind                   text not null check (kind in ('story', 'ident', 'breaking')),
    -- What played: a rundown story, the channel's ident (a generated draft story), the breaking story or its card.
    story_id               uuid not null references stories (id),
    breaking_id            uuid references breaking_news (id),
    title                  text not null,
    description            text not null default '',
    -- The render's HLS folder (relative to the media root); segment files are {rung}_{first_segment + i}.ts.
    hls_folder             text not null,
    first_segment          integer not null default 0 check (first_segment >= 0),
    -- The segments this programme plays, on the 90 kHz clock (cut short when breaking news took over).
    segment_ticks          bigint[] not null check (cardinality(segment_ticks) > 0),
    starts_at              timestamptz not null,
    -- starts_at + the segments, kept for range queries (the playlists compute it from segment_ticks).
    ends_at                timestamptz not null,
    -- EXT-X-MEDIA-SEQUENCE of the first segment, and the discontinuities before it.
    first_media_sequence   bigint not null,
    discontinuity_sequence bigint not null,
    -- The story's place in the loop when it was scheduled.
    loop_index             integer,
    -- Set when breaking news (or the story leaving the air) cut the programme at a segment boundary.
    cut_at                 timestamptz,
    cut_reason             text check (cut_reason in ('breaking', 'withdrawn')),
    recorded_at            timestamptz not null,
    primary key (channel_id, seq),
    unique (channel_id, first_media_sequence)
);

create index live_as_run_ends on live_as_run (channel_id, ends_at);
create index live_as_run_breaking on live_as_run (breaking_id) where breaking_id is not null;
