-- Token buckets of the rate limits (the ratelimits capability), shared by every portal node: Bucket4j's PostgreSQL
-- proxy manager reads and writes a bucket's state under SELECT ... FOR UPDATE, one row per key. A key names what
-- is limited ('client:<id>', 'tenant:<id>', 'token:<client or address>', 'webhook:<kind>/<partner>'), not whose
-- data it is: the table has no tenant_id and holds no tenant data, only counters, so row-level security does not
-- apply to it; the limiter runs before any tenant transaction exists.
CREATE TABLE bucket (
    id          text   PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
CREATE INDEX bucket_expiry ON bucket (expires_at);
