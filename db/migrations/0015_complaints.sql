CREATE TABLE "complaint_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"department" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_escalations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaint_escalations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" uuid NOT NULL,
	"level" text NOT NULL,
	"cause" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"due_at" timestamp with time zone,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaint_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"mutation_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version_after" integer NOT NULL,
	CONSTRAINT "complaint_events_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
CREATE TABLE "complaint_summaries" (
	"month" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb NOT NULL,
	"generated_by" uuid,
	CONSTRAINT "complaint_summaries_month_generated_at_pk" PRIMARY KEY("month","generated_at")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"service_type" text,
	"channel" text NOT NULL,
	"centre_ref" text,
	"customer_name" text NOT NULL,
	"contact" text NOT NULL,
	"contact_digits" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"words" text NOT NULL,
	"photo_sha256" text,
	"work_order_id" uuid,
	"key_customer_id" uuid,
	"category" text,
	"severity" text DEFAULT 'normal' NOT NULL,
	"department" text,
	"departments_concerned" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"policy_version" integer NOT NULL,
	"result" text DEFAULT '' NOT NULL,
	"reply_method" text,
	"replied_at" timestamp with time zone,
	"letter_process" text,
	"letter_result" text,
	"letter_at" timestamp with time zone,
	"signature_sha256" text,
	"signer_name" text,
	"escalation" text,
	"callback_at" timestamp with time zone,
	"satisfaction" smallint,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "complaints_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "key_customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"contacts" jsonb NOT NULL,
	"phone_digits" text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_limit_policies" (
	"version" integer PRIMARY KEY NOT NULL,
	"limits" jsonb NOT NULL,
	"note" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_categories" ADD CONSTRAINT "complaint_categories_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_summaries" ADD CONSTRAINT "complaint_summaries_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_key_customer_id_key_customers_id_fk" FOREIGN KEY ("key_customer_id") REFERENCES "public"."key_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_category_complaint_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."complaint_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_policy_version_service_limit_policies_version_fk" FOREIGN KEY ("policy_version") REFERENCES "public"."service_limit_policies"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_limit_policies" ADD CONSTRAINT "service_limit_policies_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_escalations_complaint_idx" ON "complaint_escalations" USING btree ("complaint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_escalations_deadline_idx" ON "complaint_escalations" USING btree ("complaint_id","level","due_at") WHERE "complaint_escalations"."cause" = 'deadline_passed';--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","id");--> statement-breakpoint
CREATE INDEX "complaints_open_due_idx" ON "complaints" USING btree ("due_at","code") WHERE "complaints"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "complaints_closed_idx" ON "complaints" USING btree ("closed_at" DESC NULLS LAST,"code");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "complaints_recorded_by_idx" ON "complaints" USING btree ("recorded_by","txid");--> statement-breakpoint
CREATE INDEX "complaints_contact_idx" ON "complaints" USING btree ("contact_digits");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree (lower("customer_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "complaints_department_idx" ON "complaints" USING btree ("department","due_at");--> statement-breakpoint
CREATE INDEX "complaints_txid_idx" ON "complaints" USING btree ("txid");--> statement-breakpoint
CREATE UNIQUE INDEX "key_customers_name_idx" ON "key_customers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "key_customers_phones_idx" ON "key_customers" USING gin ("phone_digits");--> statement-breakpoint
CREATE TRIGGER complaints_stamp_txid BEFORE INSERT OR UPDATE ON complaints FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
-- the timeline, the escalations and the policy versions are records: the app adds to them and never changes one (ADR 0018)
REVOKE UPDATE, DELETE, TRUNCATE ON complaint_events, complaint_escalations, service_limit_policies, complaint_summaries FROM tracemark_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON complaints, key_customers FROM tracemark_app;
--> statement-breakpoint
-- the operator's departments the categories name (a new database has none until the demo seed or an admin adds them)
INSERT INTO departments (code, name_zh, name_en) VALUES
  ('terminal_service', '终端服务部', 'Terminal Service Dept'),
  ('finance', '财务部', 'Finance Dept'),
  ('customer_service', '客户服务部', 'Customer Service Dept'),
  ('operations', '运维部', 'Operations Dept')
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
-- the first category list (the quality department maintains it from its screen)
INSERT INTO complaint_categories (code, name_zh, name_en, department, sort) VALUES
  ('billing', '计费', 'Billing', 'finance', 10),
  ('installation_delay', '装机延误', 'Installation delay', 'terminal_service', 20),
  ('fault_repair', '故障修复', 'Fault repair', 'terminal_service', 30),
  ('staff_attitude', '服务态度', 'Staff attitude', 'customer_service', 40),
  ('network_quality', '网络质量', 'Network quality', 'operations', 50),
  ('other', '其他', 'Other', 'customer_service', 90)
ON CONFLICT (code) DO NOTHING;
