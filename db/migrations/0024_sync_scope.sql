CREATE TABLE "item_scope_moves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "item_scope_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" uuid NOT NULL,
	"from_zone" text,
	"to_zone" text,
	"from_holder" uuid,
	"to_holder" uuid,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_sites" (
	"user_id" uuid NOT NULL,
	"site_code" text NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "user_sites_user_id_site_code_pk" PRIMARY KEY("user_id","site_code")
);
--> statement-breakpoint
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_site_code_sites_code_fk" FOREIGN KEY ("site_code") REFERENCES "public"."sites"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_scope_moves_txid_idx" ON "item_scope_moves" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "item_scope_moves_from_zone_idx" ON "item_scope_moves" USING btree ("from_zone","txid");--> statement-breakpoint
CREATE INDEX "items_zone_txid_idx" ON "items" USING btree ("zone_code","txid");--> statement-breakpoint
CREATE INDEX "items_holder_txid_idx" ON "items" USING btree ("holder_id","txid");--> statement-breakpoint
CREATE TRIGGER user_sites_stamp_txid BEFORE INSERT OR UPDATE ON user_sites FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER item_scope_moves_stamp_txid BEFORE INSERT OR UPDATE ON item_scope_moves FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER item_scope_moves_append_only BEFORE UPDATE OR DELETE ON item_scope_moves FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
-- whatever moves an item (a label change, a stock move, an issue, an import, an office edit) leaves its tombstone
-- for the phones whose scope it left (ADR 0042): the trigger, not each writer, so none can forget it
CREATE OR REPLACE FUNCTION tm_item_scope_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.zone_code IS DISTINCT FROM NEW.zone_code OR OLD.holder_id IS DISTINCT FROM NEW.holder_id THEN
    INSERT INTO item_scope_moves (item_id, from_zone, to_zone, from_holder, to_holder)
    VALUES (NEW.id, OLD.zone_code, NEW.zone_code, OLD.holder_id, NEW.holder_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER items_scope_move AFTER UPDATE OF zone_code, holder_id ON items FOR EACH ROW EXECUTE FUNCTION tm_item_scope_move();
--> statement-breakpoint
-- a fact, like the other records (ADR 0018): the app inserts (through the trigger) and reads it only
REVOKE UPDATE, DELETE, TRUNCATE ON item_scope_moves FROM tracemark_app;
