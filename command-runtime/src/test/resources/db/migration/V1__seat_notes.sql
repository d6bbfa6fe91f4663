-- The seat test service's own migration: version 1, like the platform's first script, without colliding.
CREATE TABLE seat_note (
    seat_id VARCHAR(64) PRIMARY KEY,
    note    TEXT NOT NULL
);
