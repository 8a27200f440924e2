// Hand-written: sqlite3_db_config is a C variadic function, which Swift cannot call, and no listed package wraps
// SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE (GRDB's own shim wraps sqlite3_db_config only for double-quoted strings).
#include "CSQLiteConfig.h"

#include <sqlite3.h>

int syncline_disable_checkpoint_on_close(struct sqlite3 *db) {
    int isSet = 0;
    int code = sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &isSet);
    if (code != SQLITE_OK) return code;
    return isSet == 1 ? SQLITE_OK : SQLITE_MISUSE;
}
