-- A producer's edit of a story's slide plan. While set, re-ingesting the article (a new version) keeps the edited
-- plan instead of the generated one.
alter table stories add column plan_override boolean not null default false;
