CREATE TABLE "acceptance_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_id" uuid NOT NULL,
	"code" text NOT NULL,
	"department" text NOT NULL,
	"inspector_id" uuid NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signature_sha256" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "acceptance_forms_receipt_id_unique" UNIQUE("receipt_id"),
	CONSTRAINT "acceptance_forms_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "acceptance_lines" (
	"form_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"accepted" integer NOT NULL,
	"rejected" integer NOT NULL,
	"reject_to" text,
	"reason" text DEFAULT '' NOT NULL,
	"photo_sha256" text,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "acceptance_lines_form_id_item_id_pk" PRIMARY KEY("form_id","item_id"),
	CONSTRAINT "acceptance_lines_quantities" CHECK ("acceptance_lines"."accepted" >= 0 AND "acceptance_lines"."rejected" >= 0)
);
--> statement-breakpoint
CREATE TABLE "count_differences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"count_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"tag" text NOT NULL,
	"item_id" uuid,
	"recorded_zone" text,
	"status_at_count" text,
	"resolution" text,
	"reason" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "materials" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"serialised" boolean NOT NULL,
	"barcodes" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipt_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"receipt_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"material_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"serialised" boolean NOT NULL,
	"supplier_code" text,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"purchase_request" text NOT NULL,
	"department" text NOT NULL,
	"supplier" text NOT NULL,
	"delivery_note" text NOT NULL,
	"inspection_zone" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"received_by" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	"device_id" uuid,
	"mutation_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "receipts_code_unique" UNIQUE("code"),
	CONSTRAINT "receipts_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"zone_code" text NOT NULL,
	"counted_by" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"device_id" uuid,
	"mutation_id" uuid,
	"scans" jsonb NOT NULL,
	"expected" integer NOT NULL,
	"found" integer NOT NULL,
	"differences" integer NOT NULL,
	"settled_at" timestamp with time zone,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "stock_counts_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
CREATE TABLE "stock_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer,
	"zone_code" text,
	"person_id" uuid,
	"department" text,
	"ref" text,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"mutation_id" uuid,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_moves" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"to_user_id" uuid,
	"to_department" text,
	"zone_code" text,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"mutation_id" uuid,
	CONSTRAINT "stock_moves_mutation_id_unique" UNIQUE("mutation_id"),
	CONSTRAINT "stock_moves_quantity" CHECK ("stock_moves"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "tag_leases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tag_leases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" uuid,
	"user_id" uuid NOT NULL,
	"first_no" integer NOT NULL,
	"last_no" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warehouse_counters" (
	"kind" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "warehouse_counters_kind_day_pk" PRIMARY KEY("kind","day")
);
--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "material_code" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "quantity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "receipt_line_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "split_from" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "responsible_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "quarantined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "holder_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "holder_department" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "missing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "acceptance_forms" ADD CONSTRAINT "acceptance_forms_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_forms" ADD CONSTRAINT "acceptance_forms_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_forms" ADD CONSTRAINT "acceptance_forms_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_lines" ADD CONSTRAINT "acceptance_lines_form_id_acceptance_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."acceptance_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_lines" ADD CONSTRAINT "acceptance_lines_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_differences" ADD CONSTRAINT "count_differences_count_id_stock_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."stock_counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_differences" ADD CONSTRAINT "count_differences_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_differences" ADD CONSTRAINT "count_differences_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_lines" ADD CONSTRAINT "receipt_lines_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_lines" ADD CONSTRAINT "receipt_lines_material_code_materials_code_fk" FOREIGN KEY ("material_code") REFERENCES "public"."materials"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_inspection_zone_zones_code_fk" FOREIGN KEY ("inspection_zone") REFERENCES "public"."zones"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_zone_code_zones_code_fk" FOREIGN KEY ("zone_code") REFERENCES "public"."zones"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_counted_by_users_id_fk" FOREIGN KEY ("counted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_events" ADD CONSTRAINT "stock_events_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_events" ADD CONSTRAINT "stock_events_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_events" ADD CONSTRAINT "stock_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tag_leases" ADD CONSTRAINT "tag_leases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acceptance_forms_txid_idx" ON "acceptance_forms" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "acceptance_forms_signed_idx" ON "acceptance_forms" USING btree ("signed_at","id");--> statement-breakpoint
CREATE INDEX "acceptance_lines_item_idx" ON "acceptance_lines" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "acceptance_lines_txid_idx" ON "acceptance_lines" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "count_differences_count_idx" ON "count_differences" USING btree ("count_id","kind","tag");--> statement-breakpoint
CREATE INDEX "count_differences_txid_idx" ON "count_differences" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "receipt_lines_receipt_idx" ON "receipt_lines" USING btree ("receipt_id","line_no");--> statement-breakpoint
CREATE INDEX "receipt_lines_txid_idx" ON "receipt_lines" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "receipts_txid_idx" ON "receipts" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "receipts_received_idx" ON "receipts" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "receipts_delivery_note_idx" ON "receipts" USING btree ("delivery_note");--> statement-breakpoint
CREATE INDEX "receipts_department_status_idx" ON "receipts" USING btree ("department","status");--> statement-breakpoint
CREATE INDEX "stock_counts_txid_idx" ON "stock_counts" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "stock_counts_submitted_idx" ON "stock_counts" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE INDEX "stock_events_item_idx" ON "stock_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "stock_events_txid_idx" ON "stock_events" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "stock_moves_item_idx" ON "stock_moves" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "tag_leases_first_idx" ON "tag_leases" USING btree ("first_no");--> statement-breakpoint
CREATE INDEX "tag_leases_device_idx" ON "tag_leases" USING btree ("device_id");--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "items_zone_status_idx" ON "items" USING btree ("zone_code","status","tag_code");--> statement-breakpoint
CREATE INDEX "items_material_idx" ON "items" USING btree ("material_code","tag_code");--> statement-breakpoint
CREATE INDEX "items_receipt_line_idx" ON "items" USING btree ("receipt_line_id");--> statement-breakpoint
CREATE INDEX "items_responsible_idx" ON "items" USING btree ("responsible_id");--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_quantity_not_negative" CHECK ("items"."quantity" >= 0);--> statement-breakpoint
CREATE TRIGGER materials_stamp_txid BEFORE INSERT OR UPDATE ON materials FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER receipts_stamp_txid BEFORE INSERT OR UPDATE ON receipts FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER receipt_lines_stamp_txid BEFORE INSERT OR UPDATE ON receipt_lines FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER acceptance_forms_stamp_txid BEFORE INSERT OR UPDATE ON acceptance_forms FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER acceptance_lines_stamp_txid BEFORE INSERT OR UPDATE ON acceptance_lines FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER stock_events_stamp_txid BEFORE INSERT OR UPDATE ON stock_events FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER stock_counts_stamp_txid BEFORE INSERT OR UPDATE ON stock_counts FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER count_differences_stamp_txid BEFORE INSERT OR UPDATE ON count_differences FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
-- tag numbers are leased in blocks of 200 (domain/warehouse/tags.ts LEASE_SIZE), above every tag made before (ADR 0035)
CREATE SEQUENCE stock_tag_lease_seq START WITH 1001 INCREMENT BY 200;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE stock_tag_lease_seq TO tracemark_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON tag_leases, acceptance_forms, acceptance_lines, stock_events, stock_moves FROM tracemark_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON warehouse_counters, materials, receipts, receipt_lines, stock_counts, count_differences FROM tracemark_app;
--> statement-breakpoint
-- items already in quarantine start their ageing from their last change
UPDATE items SET quarantined_at = updated_at WHERE status IN ('returned', 'pending_disposal', 'scrapped') AND quarantined_at IS NULL;
