-- 0003: HTTP requests made per API host and UTC day, for daily quotas (Gong allows about 10,000 a day per
-- company). Counted in the same transaction as the data the requests fetched.

CREATE TABLE api_request_counts (
    api      TEXT NOT NULL,     -- connector and host, e.g. 'gong:us-40213.api.gong.io'
    day      TEXT NOT NULL,     -- UTC date, YYYY-MM-DD
    requests INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
    PRIMARY KEY (api, day)
) STRICT;
