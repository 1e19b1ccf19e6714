-- Story lifecycle (issue 6): draft → scheduled → published → expired | retracted, with publish/expire times,
-- priority, tags, a revision for ETag / If-Match, and the lateness of a scheduled publish.
alter table stories drop constraint stories_state_check;
alter table stories add constraint stories_state_check
    check (state in ('draft', 'scheduled', 'published', 'expired', 'retracted'));

alter table stories
    add column publish_at          timestamptz,
    add column expire_at           timestamptz,
    add column priority            integer not null default 0,
    add column tags                text[] not null default '{}',
    -- published_at - publish_at of a scheduled publish: how late it went on air (a render still running at T, a busy worker).
    add column publish_lateness_ms bigint,
    add column expired_at          timestamptz,
    add column retracted_at        timestamptz,
    add column retract_reason      text,
    -- The story's ETag. Bumped by the triggers below on every change a client could have based an edit on, whoever
    -- writes it (API, ingest, scheduler, render completion); a finished render alone does not bump it.
    add column revision            integer not null default 1;

alter table stories add constraint stories_scheduled_has_time check (state <> 'scheduled' or publish_at is not null);
alter table stories add constraint stories_expire_after_publish check (expire_at is null or publish_at is null or expire_at > publish_at);

-- What the scheduler looks for: due publishes and due expiries.
create index stories_due_publish on stories (publish_at) where state = 'scheduled';
create index stories_due_expiry on stories (expire_at) where state in ('scheduled', 'published') and expire_at is not null;

create function stories_bump_revision() returns trigger language plpgsql as $$
begin
    if new.revision = old.revision and
       (new.state, new.locked, new.plan_override, new.slide_plan, new.publish_at, new.expire_at, new.priority, new.tags,
        new.retract_reason, new.article_id)
       is distinct from
       (old.state, old.locked, old.plan_override, old.slide_plan, old.publish_at, old.expire_at, old.priority, old.tags,
        old.retract_reason, old.article_id) then
        new.revision := old.revision + 1;
    end if;
    return new;
end;
$$;

create trigger stories_revision before update on stories for each row execute function stories_bump_revision();

-- The story's text lives in its article: a new article version changes the story's ETag too.
create function articles_bump_story_revision() returns trigger language plpgsql as $$
begin
    if new.article is distinct from old.article then
        update stories set revision = revision + 1 where article_id = new.id;
    end if;
    return new;
end;
$$;

create trigger articles_story_revision after update on articles for each row execute function articles_bump_story_revision();
