-- Issue 7: every app instance keeps its feeds in memory per channel feed version. This trigger tells them when a
-- version changes (pg_notify is transactional: it fires at commit, so a listener never sees a version it cannot read).
-- A story that is retracted also notifies, even when it was not on air (a scheduled story), because its media must
-- answer 410 Gone from then on.
create or replace function tvnews_feed_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('tvnews_feed', new.channel_id);
    return null;
end $$;

create or replace function tvnews_channel_feed_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('tvnews_feed', new.id);
    return null;
end $$;

create trigger channels_feed_version_notify
    after update of feed_version on channels
    for each row when (old.feed_version is distinct from new.feed_version)
    execute function tvnews_channel_feed_notify();

create trigger stories_retracted_notify
    after update of state on stories
    for each row when (new.state = 'retracted' and old.state is distinct from new.state)
    execute function tvnews_feed_notify();
