CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_imports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "license_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	"rows_ok" integer NOT NULL,
	"rows_bad" integer NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"equipment_type" text NOT NULL,
	"label_kind" text NOT NULL,
	"license_no" text,
	"mark_code" text,
	"scramble_code" text,
	"label_model" text,
	"equipment_model" text DEFAULT '' NOT NULL,
	"serial" text DEFAULT '' NOT NULL,
	"entry" text NOT NULL,
	"client_result" text NOT NULL,
	"client_registry_version" text,
	"server_result" text NOT NULL,
	"server_registry_version" text,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"pbx" jsonb,
	"photo_sha256" text,
	"actor_id" uuid,
	"device_id" uuid,
	"mutation_id" uuid,
	"client_time" timestamp with time zone,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "equipment_checks_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
CREATE TABLE "work_order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"work_order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"device_id" uuid,
	"mutation_id" uuid,
	"client_time" timestamp with time zone,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	"version_after" integer NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "work_order_events_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
CREATE TABLE "work_order_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"work_order_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"mutation_id" uuid,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "work_order_photos_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
CREATE TABLE "work_order_signoffs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_signoffs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"work_order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"signer_name" text DEFAULT '' NOT NULL,
	"checklist" jsonb,
	"rating_attitude" smallint,
	"rating_on_time" smallint,
	"comment" text DEFAULT '' NOT NULL,
	"refusal_reason" text DEFAULT '' NOT NULL,
	"signature_sha256" text,
	"strokes" jsonb,
	"snapshot" jsonb,
	"evidence_hash" text,
	"actor_id" uuid,
	"device_id" uuid,
	"mutation_id" uuid,
	"client_time" timestamp with time zone,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "work_order_signoffs_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "customer_work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "license_registry" ADD COLUMN "mark_code" text;--> statement-breakpoint
ALTER TABLE "license_registry" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "license_registry" ADD COLUMN "txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "status_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "license_imports" ADD CONSTRAINT "license_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_checks" ADD CONSTRAINT "equipment_checks_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_checks" ADD CONSTRAINT "equipment_checks_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_signoffs" ADD CONSTRAINT "work_order_signoffs_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_signoffs" ADD CONSTRAINT "work_order_signoffs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_checks_wo_idx" ON "equipment_checks" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "equipment_checks_txid_idx" ON "equipment_checks" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "work_order_events_wo_idx" ON "work_order_events" USING btree ("work_order_id","id");--> statement-breakpoint
CREATE INDEX "work_order_events_txid_idx" ON "work_order_events" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "work_order_photos_wo_idx" ON "work_order_photos" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "work_order_signoffs_wo_idx" ON "work_order_signoffs" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "work_order_signoffs_txid_idx" ON "work_order_signoffs" USING btree ("txid");--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "license_registry_txid_idx" ON "license_registry" USING btree ("txid");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chain_seq_unique" UNIQUE("chain_seq");--> statement-breakpoint
ALTER TABLE "license_registry" ADD CONSTRAINT "license_registry_mark_code_unique" UNIQUE("mark_code");--> statement-breakpoint
-- Sync cursor stamps (see 0002_txid_triggers.sql) on every table a phone pulls.
CREATE TRIGGER work_order_events_stamp_txid BEFORE INSERT OR UPDATE ON work_order_events FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER equipment_checks_stamp_txid BEFORE INSERT OR UPDATE ON equipment_checks FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER work_order_signoffs_stamp_txid BEFORE INSERT OR UPDATE ON work_order_signoffs FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER work_order_photos_stamp_txid BEFORE INSERT OR UPDATE ON work_order_photos FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER license_registry_stamp_txid BEFORE INSERT OR UPDATE ON license_registry FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER license_imports_stamp_txid BEFORE INSERT OR UPDATE ON license_imports FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
-- Facts are append-only: status events, sign-offs, photos.
CREATE TRIGGER work_order_events_append_only BEFORE UPDATE OR DELETE ON work_order_events FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER work_order_signoffs_append_only BEFORE UPDATE OR DELETE ON work_order_signoffs FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER work_order_photos_append_only BEFORE UPDATE OR DELETE ON work_order_photos FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
-- The audit chain. The canonical text of a row: a JSON array of its fields (jsonb's text form is deterministic,
-- the time as integer microseconds so no TimeZone or DateStyle setting can change it). The verifier reads the
-- same text through this function and recomputes the hashes itself.
CREATE OR REPLACE FUNCTION tm_audit_canonical(seq bigint, occurred_at timestamptz, actor uuid, name text, subject_type text, subject_id text, payload jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(seq, (extract(epoch FROM occurred_at) * 1000000)::bigint, actor, name, subject_type, subject_id, payload)::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tm_audit_hash(prev text, canonical text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || canonical, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));
--> statement-breakpoint
-- Rows written before the chain existed join it in id order.
DO $$
DECLARE r record; s bigint := 0; h text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    s := s + 1;
    UPDATE audit_events SET chain_seq = s, prev_hash = h,
      hash = tm_audit_hash(h, tm_audit_canonical(s, r.occurred_at, r.actor_id, r.name, r.subject_type, r.subject_id, r.payload))
      WHERE id = r.id RETURNING hash INTO h;
  END LOOP;
  UPDATE audit_chain_head SET last_seq = s, last_hash = h WHERE id = 1;
END $$;
--> statement-breakpoint
-- Each insert locks the head row (held to commit), so the chain follows commit order with no gaps.
CREATE OR REPLACE FUNCTION tm_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s bigint; h text;
BEGIN
  SELECT last_seq, last_hash INTO s, h FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := s + 1;
  NEW.prev_hash := h;
  NEW.hash := tm_audit_hash(h, tm_audit_canonical(NEW.chain_seq, NEW.occurred_at, NEW.actor_id, NEW.name, NEW.subject_type, NEW.subject_id, NEW.payload));
  UPDATE audit_chain_head SET last_seq = NEW.chain_seq, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION tm_audit_chain();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
