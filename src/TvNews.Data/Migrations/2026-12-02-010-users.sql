-- People who sign in to the web page. Passwords are ASP.NET Core PasswordHasher hashes (PBKDF2, salted, versioned).
create table users (
    id            bigserial primary key,
    -- Compared case-insensitively: stored lower-cased.
    username      text not null unique check (username = lower(username) and length(username) between 1 and 64),
    password_hash text not null,
    role          text not null check (role in ('viewer', 'producer', 'editor', 'admin')),
    disabled      boolean not null default false,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
