-- Every write stamps the row with its transaction id: the cursor of sync.pull (see db/schema/items.ts).
CREATE OR REPLACE FUNCTION tm_stamp_txid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.txid := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER items_stamp_txid BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER zones_stamp_txid BEFORE INSERT OR UPDATE ON zones FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER item_label_events_stamp_txid BEFORE INSERT OR UPDATE ON item_label_events FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
-- Label events are append-only: no update, no delete.
CREATE OR REPLACE FUNCTION tm_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER item_label_events_append_only BEFORE UPDATE OR DELETE ON item_label_events FOR EACH ROW EXECUTE FUNCTION tm_append_only();
