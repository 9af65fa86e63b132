-- The audit log names the entity changed (type and id), the staff member's address and the
-- fields that changed (JSON: [{"field", "before", "after"}]). It is append-only: triggers
-- refuse UPDATE and DELETE.
ALTER TABLE audit_log ADD COLUMN actor_ip TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN entity_type TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN entity_id TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
UPDATE audit_log SET entity_type = 'order', entity_id = subject;
DROP INDEX audit_log_subject;
ALTER TABLE audit_log DROP COLUMN subject;
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
