// Hand-written: sqlite3_db_config is a C variadic function, which Swift cannot call, and no listed package wraps
// SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE (GRDB's own shim wraps sqlite3_db_config only for double-quoted strings).
#ifndef CSQLITECONFIG_H
#define CSQLITECONFIG_H

struct sqlite3;

/// Sets SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE on `db`: closing it, even as the database's last connection, never takes
/// the exclusive lock that checkpoints and deletes the -wal file, so readers without a busy timeout are never
/// refused with "database is locked" at that instant. Returns SQLITE_OK (0) or SQLite's error code.
int syncline_disable_checkpoint_on_close(struct sqlite3 *db);

#endif
