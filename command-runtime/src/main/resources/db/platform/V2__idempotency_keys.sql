-- The first answer to each Idempotency-Key, committed in the same transaction as the command's events.

CREATE TABLE idempotency_key (
    idempotency_key  VARCHAR(255) NOT NULL PRIMARY KEY,
    request_hash     CHAR(64)     NOT NULL,
    response_status  INTEGER,
    response_headers TEXT,
    response_body    TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
