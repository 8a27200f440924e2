-- 0004: a touchpoint's flow and reason; retrying records rejected before their reference data was loaded.

-- The touchpoint flow a touchpoint enters (the project's `defaults.touchpoint.flow`, `default` unless set, or what
-- a job maps) and an optional reason. Rows created before this migration have no flow.
ALTER TABLE touchpoints ADD COLUMN flow TEXT;
ALTER TABLE touchpoints ADD COLUMN reason TEXT;

-- Reference data (accounts, their domains, contacts, team members) carries a version that moves forward in the
-- transaction of every write that really changes it. A record rejected for want of reference data remembers the
-- version it was rejected under; once the version has moved on, the next run of its job tries it again.
CREATE TABLE reference_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL CHECK (version >= 0),
    changed_at TEXT                  -- UTC ISO-8601; NULL until reference data is first written
) STRICT;
INSERT INTO reference_state (id, version) VALUES (1, 0);

ALTER TABLE rejected_records ADD COLUMN reference_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rejected_records ADD COLUMN source_file TEXT;        -- the file that held it (file sources)
ALTER TABLE rejected_records ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;  -- times it was rejected
-- Every run asks which of its rejections are worth trying again; without this index that question reads every
-- rejected row of the job (150,000 page reads at a million calls), with it only the candidates.
CREATE INDEX rejected_records_for_retry ON rejected_records (job, reason_code, reference_version);

-- Per run: rejected records tried again, and how many of them were then written.
ALTER TABLE sync_runs ADD COLUMN retried INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN retried_created INTEGER NOT NULL DEFAULT 0;
