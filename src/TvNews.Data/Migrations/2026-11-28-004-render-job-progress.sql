-- What GET /api/jobs shows about a render in flight: how far it got, in which stage, on which worker.
-- started_at / finished_at keep their meaning: the latest attempt's claim, and the end of a job that is done or failed.
alter table render_jobs
    add column progress  real not null default 0 check (progress between 0 and 1),
    add column stage     text,
    add column worker_id text;

-- Finished jobs have progress 1; rows from before this migration were never tracked.
update render_jobs set progress = 1, stage = 'done' where state = 'done';

-- The jobs list: newest first, optionally for one story.
create index render_jobs_recent on render_jobs (created_at desc, id desc);
create index render_jobs_story on render_jobs (story_id, created_at desc);
