-- Every change staff make, with who, when and what.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    actor_id  INTEGER NOT NULL REFERENCES users (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    at        INTEGER NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject);
