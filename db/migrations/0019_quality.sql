CREATE TABLE "work_order_service_records" (
	"work_order_id" uuid PRIMARY KEY NOT NULL,
	"requested" text NOT NULL,
	"done" text NOT NULL,
	"parts" jsonb NOT NULL,
	"completion" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"client_time" timestamp with time zone,
	"mutation_id" text,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exchange_code" text NOT NULL,
	"month" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"calls_placed" integer,
	"billed_correctly" integer,
	"errors" integer,
	"accuracy_pct" numeric(5, 2),
	"threshold_pct" numeric(5, 2),
	"passed" boolean,
	"instrument_id" uuid,
	"instrument_tag" text,
	"note" text DEFAULT '' NOT NULL,
	"attachments" text[] DEFAULT '{}'::text[] NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"nonconformity_id" uuid,
	"overdue_notified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corrective_action_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step" text NOT NULL,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" jsonb NOT NULL,
	"content_sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corrective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"nonconformity_id" uuid NOT NULL,
	"department" text NOT NULL,
	"description" text NOT NULL,
	"required_by" date NOT NULL,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"cause_analysis" text,
	"cause_category" text,
	"correction" text,
	"corrective_action" text,
	"preventive_action" text,
	"owner_id" uuid,
	"action_due_on" date,
	"implemented_on" date,
	"follow_up_check_id" uuid,
	"escalated" text,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "corrective_actions_code_unique" UNIQUE("code"),
	CONSTRAINT "corrective_actions_nonconformity_id_unique" UNIQUE("nonconformity_id")
);
--> statement-breakpoint
CREATE TABLE "exchanges" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nonconformities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text DEFAULT '' NOT NULL,
	"finding" text NOT NULL,
	"label_kind" text,
	"department" text NOT NULL,
	"description" text NOT NULL,
	"tag" text,
	"photo_sha256" text,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"closed_reason" text,
	"closed_at" timestamp with time zone,
	"cause_category" text,
	"action_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "nonconformities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "quality_counters" (
	"kind" text NOT NULL,
	"year" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "quality_counters_kind_year_pk" PRIMARY KEY("kind","year")
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_marks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"check_id" uuid NOT NULL,
	"tag" text,
	"subject" text DEFAULT '' NOT NULL,
	"label_kind" text NOT NULL,
	"result" text NOT NULL,
	"expected_kind" text,
	"expected_status" text,
	"expected_zone" text,
	"note" text DEFAULT '' NOT NULL,
	"photo_sha256" text,
	"marked_at" timestamp with time zone NOT NULL,
	"nonconformity_id" uuid,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_orders" (
	"check_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"result" text,
	"note" text DEFAULT '' NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone,
	"nonconformity_id" uuid,
	CONSTRAINT "spot_check_orders_check_id_work_order_id_pk" PRIMARY KEY("check_id","work_order_id")
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"target" text NOT NULL,
	"zone_code" text,
	"department" text,
	"range_from" date,
	"range_to" date,
	"sample_size" integer,
	"sample_seed" integer,
	"planned" boolean NOT NULL,
	"planned_for" date,
	"assignee_id" uuid,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"mutation_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "spot_checks_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "clerk_checked_by" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "clerk_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "clerk_checked_by" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "clerk_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_service_records" ADD CONSTRAINT "work_order_service_records_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_service_records" ADD CONSTRAINT "work_order_service_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_checks" ADD CONSTRAINT "billing_checks_exchange_code_exchanges_code_fk" FOREIGN KEY ("exchange_code") REFERENCES "public"."exchanges"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_checks" ADD CONSTRAINT "billing_checks_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_checks" ADD CONSTRAINT "billing_checks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_action_steps" ADD CONSTRAINT "corrective_action_steps_action_id_corrective_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."corrective_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_action_steps" ADD CONSTRAINT "corrective_action_steps_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_nonconformity_id_nonconformities_id_fk" FOREIGN KEY ("nonconformity_id") REFERENCES "public"."nonconformities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_follow_up_check_id_spot_checks_id_fk" FOREIGN KEY ("follow_up_check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrective_actions" ADD CONSTRAINT "corrective_actions_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_marks" ADD CONSTRAINT "spot_check_marks_check_id_spot_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_orders" ADD CONSTRAINT "spot_check_orders_check_id_spot_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_orders" ADD CONSTRAINT "spot_check_orders_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_orders" ADD CONSTRAINT "spot_check_orders_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_service_records_txid_idx" ON "work_order_service_records" USING btree ("txid");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_checks_exchange_month" ON "billing_checks" USING btree ("exchange_code","month");--> statement-breakpoint
CREATE INDEX "billing_checks_status_idx" ON "billing_checks" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "corrective_action_steps_action_idx" ON "corrective_action_steps" USING btree ("action_id","at");--> statement-breakpoint
CREATE INDEX "corrective_actions_department_idx" ON "corrective_actions" USING btree ("department","status");--> statement-breakpoint
CREATE INDEX "corrective_actions_owner_idx" ON "corrective_actions" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "nonconformities_status_idx" ON "nonconformities" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "nonconformities_department_idx" ON "nonconformities" USING btree ("department","status");--> statement-breakpoint
CREATE INDEX "spot_check_marks_check_idx" ON "spot_check_marks" USING btree ("check_id");--> statement-breakpoint
CREATE INDEX "spot_checks_txid_idx" ON "spot_checks" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "spot_checks_assignee_idx" ON "spot_checks" USING btree ("assignee_id","status");--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_clerk_checked_by_users_id_fk" FOREIGN KEY ("clerk_checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_clerk_checked_by_users_id_fk" FOREIGN KEY ("clerk_checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER spot_checks_stamp_txid BEFORE INSERT OR UPDATE ON spot_checks FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER spot_check_marks_stamp_txid BEFORE INSERT OR UPDATE ON spot_check_marks FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER nonconformities_stamp_txid BEFORE INSERT OR UPDATE ON nonconformities FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER corrective_actions_stamp_txid BEFORE INSERT OR UPDATE ON corrective_actions FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER work_order_service_records_stamp_txid BEFORE INSERT OR UPDATE ON work_order_service_records FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER spot_check_marks_append_only BEFORE UPDATE OR DELETE ON spot_check_marks FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER corrective_action_steps_append_only BEFORE UPDATE OR DELETE ON corrective_action_steps FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON spot_check_marks, corrective_action_steps FROM tracemark_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON quality_counters, spot_checks, spot_check_orders, nonconformities, corrective_actions, exchanges, billing_checks, quality_settings, work_order_service_records FROM tracemark_app;
--> statement-breakpoint
-- the departments P3 and P4 name as owners of labels and of the billing check (domain/auth/roles.ts)
INSERT INTO departments (code, name_zh, name_en) VALUES
  ('computer_network', '电脑网络部', 'Computer Network Dept'),
  ('administration_hr', '行政人事部', 'Administration & HR Dept'),
  ('switching_transmission', '交换传输室', 'Switching & Transmission Office')
ON CONFLICT (code) DO NOTHING;
