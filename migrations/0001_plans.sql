-- 0001: jobs and their versioned plans.
-- A plan is what `syncline apply` compiles from a job file. Applying an unchanged job is a no-op; a changed
-- one gets the next version. Older versions stay, so runs can name the version they executed.

CREATE TABLE jobs (
    name            TEXT PRIMARY KEY CHECK (name <> ''),
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    is_enabled      INTEGER NOT NULL CHECK (is_enabled IN (0, 1)),
    source_file     TEXT NOT NULL,
    created_at      TEXT NOT NULL,  -- UTC ISO-8601
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
    job              TEXT NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    version          INTEGER NOT NULL CHECK (version >= 1),
    content_hash     TEXT NOT NULL CHECK (length(content_hash) = 64),
    description      TEXT,
    source_connector TEXT NOT NULL,
    source_object    TEXT NOT NULL,
    target_object    TEXT NOT NULL,
    write_mode       TEXT NOT NULL CHECK (write_mode IN ('create_only', 'upsert')),
    cron             TEXT NOT NULL,
    timezone         TEXT,           -- NULL: the instance's time zone
    sync_on_save     INTEGER NOT NULL CHECK (sync_on_save IN (0, 1)),
    is_enabled       INTEGER NOT NULL CHECK (is_enabled IN (0, 1)),
    plan_json        TEXT NOT NULL CHECK (json_valid(plan_json)),
    source_file      TEXT NOT NULL,
    applied_at       TEXT NOT NULL,  -- UTC ISO-8601
    PRIMARY KEY (job, version)
) STRICT;

CREATE TABLE plan_attributes (
    job         TEXT NOT NULL,
    version     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    attribute   TEXT NOT NULL,
    expression  TEXT NOT NULL,       -- readable form, as `syncline plan` shows it
    is_required INTEGER NOT NULL CHECK (is_required IN (0, 1)),
    is_locked   INTEGER NOT NULL CHECK (is_locked IN (0, 1)),
    locked_by   TEXT,                -- the template that locked it
    PRIMARY KEY (job, version, attribute),
    FOREIGN KEY (job, version) REFERENCES plans (job, version) ON DELETE CASCADE,
    CHECK ((is_locked = 1) = (locked_by IS NOT NULL))
) STRICT;

CREATE TABLE plan_source_fields (
    job     TEXT NOT NULL,
    version INTEGER NOT NULL,
    path    TEXT NOT NULL,
    type    TEXT NOT NULL,
    PRIMARY KEY (job, version, path),
    FOREIGN KEY (job, version) REFERENCES plans (job, version) ON DELETE CASCADE
) STRICT;

-- The plan each job runs now.
CREATE VIEW current_plans AS
SELECT p.*
FROM plans AS p
JOIN jobs AS j ON j.name = p.job AND j.current_version = p.version;
