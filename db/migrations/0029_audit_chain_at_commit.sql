-- ADR 0043: the audit chain is extended when a transaction commits, not when its audit row is inserted.
-- Before, a BEFORE INSERT trigger locked the chain's head row and held it to commit: every transaction that wrote an
-- audit row queued on that lock from its insert until the app, one event-loop turn or more later, sent COMMIT. Now
-- the insert takes no lock; a deferred constraint trigger, which PostgreSQL runs inside COMMIT itself, locks the head,
-- numbers and hashes the transaction's rows in insert order and releases the lock with the commit. The chain still
-- follows commit order with no gaps, and the verifier (server/audit/verify.ts, domain/audit/chain.ts) is unchanged.
DROP TRIGGER audit_events_chain ON audit_events;
--> statement-breakpoint
-- Whatever an insert says of the chain is ignored: only the commit-time trigger numbers a row.
CREATE OR REPLACE FUNCTION tm_audit_unchained() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_unchained BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION tm_audit_unchained();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tm_audit_chain_at_commit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE s bigint; h text; nh text;
BEGIN
  SELECT last_seq, last_hash INTO s, h FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  s := s + 1;
  nh := tm_audit_hash(h, tm_audit_canonical(s, NEW.occurred_at, NEW.actor_id, NEW.name, NEW.subject_type, NEW.subject_id, NEW.payload));
  UPDATE audit_events SET chain_seq = s, prev_hash = h, hash = nh WHERE id = NEW.id AND chain_seq IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit row % is already chained', NEW.id;
  END IF;
  UPDATE audit_chain_head SET last_seq = s, last_hash = nh WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tm_audit_chain_at_commit();
--> statement-breakpoint
-- Append-only still, but for one update: the commit-time trigger above (trigger depth 2) filling the chain columns
-- of a row not yet chained, its content unchanged, as the next link of the chain (the head's next number, the head's
-- hash as prev_hash, the hash recomputed): even another trigger cannot place a row anywhere else. A direct UPDATE
-- (depth 1) or any other change is refused.
CREATE OR REPLACE FUNCTION tm_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s bigint; h text;
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
     AND (NEW.id, NEW.occurred_at, NEW.actor_id, NEW.name, NEW.subject_type, NEW.subject_id, NEW.payload)
         IS NOT DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor_id, OLD.name, OLD.subject_type, OLD.subject_id, OLD.payload) THEN
    SELECT last_seq, last_hash INTO s, h FROM audit_chain_head WHERE id = 1;
    IF NEW.chain_seq = s + 1 AND NEW.prev_hash = h
       AND NEW.hash = tm_audit_hash(h, tm_audit_canonical(NEW.chain_seq, NEW.occurred_at, NEW.actor_id, NEW.name, NEW.subject_type, NEW.subject_id, NEW.payload)) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
DROP TRIGGER audit_events_append_only ON audit_events;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION tm_audit_guard();
--> statement-breakpoint
DROP FUNCTION tm_audit_chain();
