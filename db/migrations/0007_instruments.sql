CREATE TABLE "instrument_calibrations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "instrument_calibrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"instrument_id" uuid NOT NULL,
	"certificate_no" text NOT NULL,
	"lab" text NOT NULL,
	"calibrated_on" date NOT NULL,
	"result" text NOT NULL,
	"next_due" date NOT NULL,
	"file_sha256" text,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_faults" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instrument_id" uuid NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"photo_sha256" text,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"repairer" text,
	"sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instrument_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"condition_out" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"from_signature_sha256" text NOT NULL,
	"condition_in" text,
	"answer_note" text DEFAULT '' NOT NULL,
	"to_signature_sha256" text,
	"new_loan_id" uuid,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_loans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instrument_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"department" text NOT NULL,
	"term" text NOT NULL,
	"status" text NOT NULL,
	"borrowed_on" date,
	"due_on" date,
	"purpose" text DEFAULT '' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text DEFAULT '' NOT NULL,
	"from_loan_id" uuid,
	"ended_on" date,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"return_condition" text,
	"return_note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_scrap_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_usage" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "instrument_usage_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"instrument_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entry_id" uuid,
	"on_date" date NOT NULL,
	"actor_id" uuid,
	"holder_id" uuid,
	"loan_id" uuid,
	"condition" text,
	"note" text DEFAULT '' NOT NULL,
	"details" jsonb,
	"device_id" uuid,
	"mutation_id" uuid,
	"client_time" timestamp with time zone,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instrument_usage_entry_id_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "kind" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "calibration_result" text;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "holder_id" uuid;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "loan_id" uuid;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "loan_term" text;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "loan_due_on" date;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "fault_open" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "scrap_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
ALTER TABLE "instrument_calibrations" ADD CONSTRAINT "instrument_calibrations_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_calibrations" ADD CONSTRAINT "instrument_calibrations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_faults" ADD CONSTRAINT "instrument_faults_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_faults" ADD CONSTRAINT "instrument_faults_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD CONSTRAINT "instrument_handovers_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD CONSTRAINT "instrument_handovers_loan_id_instrument_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."instrument_loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD CONSTRAINT "instrument_handovers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD CONSTRAINT "instrument_handovers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD CONSTRAINT "instrument_loans_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD CONSTRAINT "instrument_loans_borrower_id_users_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD CONSTRAINT "instrument_loans_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD CONSTRAINT "instrument_loans_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD CONSTRAINT "instrument_loans_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD CONSTRAINT "instrument_scrap_requests_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD CONSTRAINT "instrument_scrap_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD CONSTRAINT "instrument_scrap_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_usage" ADD CONSTRAINT "instrument_usage_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_usage" ADD CONSTRAINT "instrument_usage_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_usage" ADD CONSTRAINT "instrument_usage_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instrument_calibrations_instrument_idx" ON "instrument_calibrations" USING btree ("instrument_id","calibrated_on");--> statement-breakpoint
CREATE INDEX "instrument_faults_instrument_idx" ON "instrument_faults" USING btree ("instrument_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_handovers_one_open" ON "instrument_handovers" USING btree ("instrument_id") WHERE "instrument_handovers"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "instrument_handovers_from_idx" ON "instrument_handovers" USING btree ("from_user_id");--> statement-breakpoint
CREATE INDEX "instrument_handovers_to_idx" ON "instrument_handovers" USING btree ("to_user_id");--> statement-breakpoint
CREATE INDEX "instrument_handovers_txid_idx" ON "instrument_handovers" USING btree ("txid");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_loans_one_active" ON "instrument_loans" USING btree ("instrument_id") WHERE "instrument_loans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "instrument_loans_borrower_idx" ON "instrument_loans" USING btree ("borrower_id","status");--> statement-breakpoint
CREATE INDEX "instrument_loans_instrument_idx" ON "instrument_loans" USING btree ("instrument_id");--> statement-breakpoint
CREATE INDEX "instrument_loans_txid_idx" ON "instrument_loans" USING btree ("txid");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_scrap_one_pending" ON "instrument_scrap_requests" USING btree ("instrument_id") WHERE "instrument_scrap_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "instrument_usage_instrument_idx" ON "instrument_usage" USING btree ("instrument_id","id");--> statement-breakpoint
CREATE INDEX "instrument_usage_date_idx" ON "instrument_usage" USING btree ("on_date");--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instruments_txid_idx" ON "instruments" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "instruments_kind_idx" ON "instruments" USING btree ("kind","category");--> statement-breakpoint
CREATE INDEX "instruments_holder_idx" ON "instruments" USING btree ("holder_id");--> statement-breakpoint
-- Instruments existing before this migration: a kind from the model, the calibration result taken as passed
-- when a due date was kept, and no loan without a borrower (the loan table starts empty).
UPDATE instruments SET kind = lower(trim(model)) WHERE kind = '';
--> statement-breakpoint
UPDATE instruments SET calibration_result = 'passed' WHERE calibration_due IS NOT NULL AND calibration_result IS NULL;
--> statement-breakpoint
UPDATE instruments SET status = 'available' WHERE status = 'on_loan' AND holder_id IS NULL;
--> statement-breakpoint
-- Sync cursor stamps (see 0002_txid_triggers.sql) on every instrument table a phone pulls.
CREATE TRIGGER instruments_stamp_txid BEFORE INSERT OR UPDATE ON instruments FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER instrument_loans_stamp_txid BEFORE INSERT OR UPDATE ON instrument_loans FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER instrument_handovers_stamp_txid BEFORE INSERT OR UPDATE ON instrument_handovers FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
-- The usage file and the calibration history are append-only facts.
CREATE TRIGGER instrument_usage_append_only BEFORE UPDATE OR DELETE ON instrument_usage FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER instrument_calibrations_append_only BEFORE UPDATE OR DELETE ON instrument_calibrations FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
-- Scrapping is final: a scrapped instrument never leaves that status, is never lent and is never deleted,
-- whatever code path (or hand-written SQL) tries.
CREATE OR REPLACE FUNCTION tm_instrument_scrap_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'scrapped' THEN RAISE EXCEPTION 'instrument % is scrapped: it cannot be deleted', OLD.asset_tag; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'scrapped' AND (NEW.status <> 'scrapped' OR NEW.holder_id IS NOT NULL OR NEW.loan_id IS NOT NULL) THEN
    RAISE EXCEPTION 'instrument % is scrapped: its status is final', OLD.asset_tag;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER instruments_scrap_final BEFORE UPDATE OR DELETE ON instruments FOR EACH ROW EXECUTE FUNCTION tm_instrument_scrap_final();
--> statement-breakpoint
-- No loan of a scrapped instrument can ever start.
CREATE OR REPLACE FUNCTION tm_instrument_loan_not_scrapped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('requested', 'active') AND EXISTS (SELECT 1 FROM instruments WHERE id = NEW.instrument_id AND status = 'scrapped') THEN
    RAISE EXCEPTION 'instrument % is scrapped: it cannot be lent', NEW.instrument_id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER instrument_loans_not_scrapped BEFORE INSERT OR UPDATE ON instrument_loans FOR EACH ROW EXECUTE FUNCTION tm_instrument_loan_not_scrapped();
