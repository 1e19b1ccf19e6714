-- Issue 7: the public event log (outbox). Every public change (a story on air, updated, expired or retracted, the
-- feed's new version, breaking news started or ended) appends its events here in the transaction of the change, so
-- an event exists exactly when the change does. A relay in every process that serves the hub pushes them after
-- commit; reconnecting clients, long-polls and SSE replay from here.

-- The channel's last allocated seq. Bumped by an update of the channel row inside the writing transaction, so seqs
-- are gap-free (a rolled-back change takes its seq with it) and commit in order (the row lock serialises writers of
-- one channel). A sequence object would leave gaps and could commit out of order.
alter table channels add column event_seq bigint not null default 0;

create table channel_events (
    channel_id text not null references channels (id),
    seq        bigint not null,
    type       text not null,
    at         timestamptz not null,
    data       jsonb not null,
    primary key (channel_id, seq)
);

-- Retention cleanup deletes by age.
create index channel_events_at on channel_events (at);
