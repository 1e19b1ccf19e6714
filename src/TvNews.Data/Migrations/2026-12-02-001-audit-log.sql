-- Every producer action, written in the same transaction as the change it records, readable by admins.
create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null,
    -- Who: 'key:{id}' for an API key, 'user:{id}' for a signed-in person, 'system' for the scheduler and workers.
    actor_id    text not null,
    actor_name  text not null,
    actor_role  text,
    -- What: a dotted verb such as 'story.publish', 'rundown.update', 'apikey.create'.
    action      text not null,
    target_type text,
    target_id   text,
    channel_id  text,
    details     jsonb
);

create index audit_log_recent on audit_log (at desc, id desc);
create index audit_log_target on audit_log (target_type, target_id, at desc);
