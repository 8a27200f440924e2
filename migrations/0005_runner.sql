-- 0005: the runner. Each job's next run instant and pending requests, retries after a failure or a spent quota,
-- why a run started (schedule, catch-up, retry, …), runs that were cancelled or skipped, and the runners alive.

-- When the runner starts the job next (UTC); NULL: not scheduled (disabled, or not computed yet).
ALTER TABLE jobs ADD COLUMN next_run_at TEXT;
-- Set by `apply` (sync_on_save) to hand the job to a running runner, which syncs it at once and clears it.
ALTER TABLE jobs ADD COLUMN sync_requested_at TEXT;

-- A failed run is retried with backoff a bounded number of times; a run stopped by the daily request budget
-- resumes after the next UTC midnight. The runner keeps that here, beside the job's regular schedule.
ALTER TABLE job_state ADD COLUMN retry_at TEXT;
ALTER TABLE job_state ADD COLUMN retry_attempt INTEGER NOT NULL DEFAULT 0 CHECK (retry_attempt >= 0);
ALTER TABLE job_state ADD COLUMN retry_reason TEXT CHECK (retry_reason IN ('failed', 'quota'));

-- sync_runs gains two statuses (cancelled: a graceful stop; skipped: a dependency failed in the same round), why
-- each run started, and its attempt. SQLite cannot change a CHECK in place: the table is rebuilt, rows kept.
DROP VIEW last_runs;
CREATE TABLE sync_runs_0005 (
    run_id           INTEGER PRIMARY KEY,
    job              TEXT NOT NULL,
    plan_version     INTEGER NOT NULL,
    window_from      TEXT,             -- inclusive; NULL: the source is read whole (or a drop folder's new files)
    window_to        TEXT NOT NULL,    -- exclusive: the run's start
    status           TEXT NOT NULL CHECK (status IN (
                         'running', 'succeeded', 'failed', 'quota', 'interrupted', 'cancelled', 'skipped')),
    trigger          TEXT NOT NULL DEFAULT 'manual' CHECK (trigger IN (
                         'manual', 'schedule', 'catch-up', 'retry', 'quota-resume', 'apply', 'request')),
    attempt          INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    pages            INTEGER NOT NULL DEFAULT 0,
    fetched          INTEGER NOT NULL DEFAULT 0,  -- records read from the source
    outside_window   INTEGER NOT NULL DEFAULT 0,  -- read but outside [window_from, window_to)
    created          INTEGER NOT NULL DEFAULT 0,
    updated          INTEGER NOT NULL DEFAULT 0,
    skipped_existing INTEGER NOT NULL DEFAULT 0,  -- the key existed already (or an upsert changed nothing)
    rejected         INTEGER NOT NULL DEFAULT 0,
    warnings         INTEGER NOT NULL DEFAULT 0,
    retried          INTEGER NOT NULL DEFAULT 0,
    retried_created  INTEGER NOT NULL DEFAULT 0,
    progress         REAL CHECK (progress BETWEEN 0 AND 1),  -- how far a running sync is, when its source knows
    error            TEXT,
    started_at       TEXT NOT NULL,
    heartbeat_at     TEXT NOT NULL,
    finished_at      TEXT,
    pid              INTEGER,
    host             TEXT
) STRICT;
INSERT INTO sync_runs_0005 (run_id, job, plan_version, window_from, window_to, status, pages, fetched,
    outside_window, created, updated, skipped_existing, rejected, warnings, retried, retried_created, error,
    started_at, heartbeat_at, finished_at, pid, host)
SELECT run_id, job, plan_version, window_from, window_to, status, pages, fetched, outside_window, created, updated,
    skipped_existing, rejected, warnings, retried, retried_created, error, started_at, heartbeat_at, finished_at,
    pid, host
FROM sync_runs;
DROP TABLE sync_runs;
ALTER TABLE sync_runs_0005 RENAME TO sync_runs;
CREATE INDEX sync_runs_by_job ON sync_runs (job, run_id);
CREATE VIEW last_runs AS
SELECT r.*
FROM sync_runs AS r
WHERE r.run_id = (SELECT max(run_id) FROM sync_runs AS s WHERE s.job = r.job);

-- The runners working on this database: one row per `syncline runner` process, its heartbeat while it lives.
CREATE TABLE runners (
    runner_id    INTEGER PRIMARY KEY,
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    http         TEXT,                 -- where its status page listens, if it does
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    stopped_at   TEXT                  -- NULL while it runs (or until a dead one is noticed)
) STRICT;
