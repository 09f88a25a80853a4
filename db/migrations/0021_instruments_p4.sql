CREATE TABLE "instrument_settings" (
	"department" text PRIMARY KEY NOT NULL,
	"long_loan_months" integer,
	"scrap_approver_id" uuid,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
DROP INDEX "instrument_loans_one_active";--> statement-breakpoint
DROP INDEX "instrument_scrap_one_pending";--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD COLUMN "confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD COLUMN "confirm_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "issued_by" uuid;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "issue_missing" jsonb;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "term_months" integer;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "return_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "reported_condition" text;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "reported_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "return_missing" jsonb;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD COLUMN "lost_accessories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD COLUMN "verify_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD COLUMN "approver_id" uuid;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "manual" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "accessories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "missing_accessories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "return_requested" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "instrument_settings" ADD CONSTRAINT "instrument_settings_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_settings" ADD CONSTRAINT "instrument_settings_scrap_approver_id_users_id_fk" FOREIGN KEY ("scrap_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_settings" ADD CONSTRAINT "instrument_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_handovers" ADD CONSTRAINT "instrument_handovers_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_loans" ADD CONSTRAINT "instrument_loans_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD CONSTRAINT "instrument_scrap_requests_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_scrap_requests" ADD CONSTRAINT "instrument_scrap_requests_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_loans_one_out" ON "instrument_loans" USING btree ("instrument_id") WHERE "instrument_loans"."status" in ('active', 'return_requested');--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_scrap_one_open" ON "instrument_scrap_requests" USING btree ("instrument_id") WHERE "instrument_scrap_requests"."status" in ('proposed', 'pending');--> statement-breakpoint
CREATE TRIGGER instrument_settings_stamp_txid BEFORE INSERT OR UPDATE ON instrument_settings FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON instrument_settings FROM tracemark_app;
--> statement-breakpoint
-- No loan of a scrapped instrument can ever start (issue 16: an approved request or one handed out is a loan too).
CREATE OR REPLACE FUNCTION tm_instrument_loan_not_scrapped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('requested', 'approved', 'active') AND EXISTS (SELECT 1 FROM instruments WHERE id = NEW.instrument_id AND status = 'scrapped') THEN
    RAISE EXCEPTION 'instrument % is scrapped: it cannot be lent', NEW.instrument_id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- A special instrument names its keeper (专人负责管理, Procedure 4): checked whenever the category or the keeper is
-- written, whatever code path (or hand-written SQL) writes it; rows kept from before are not touched until then.
CREATE OR REPLACE FUNCTION tm_instrument_special_keeper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.category = 'special' AND NEW.keeper_id IS NULL AND NEW.status <> 'scrapped' THEN
    RAISE EXCEPTION 'instrument % is special: it needs a named keeper', NEW.asset_tag;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER instruments_special_keeper BEFORE INSERT OR UPDATE OF category, keeper_id ON instruments FOR EACH ROW EXECUTE FUNCTION tm_instrument_special_keeper();
--> statement-breakpoint
-- Technology Development's settings: no term for a long-term loan, nobody named for scrapping (the department head
-- of the instrument decides) until the department sets them (ADR 0040).
INSERT INTO departments (code, name_zh, name_en) VALUES ('technology_development', '技术发展部', 'Technology Development Dept') ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
INSERT INTO instrument_settings (department, long_loan_months, scrap_approver_id) VALUES ('technology_development', NULL, NULL) ON CONFLICT DO NOTHING;
