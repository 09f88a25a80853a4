CREATE TABLE "maintenance_agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"customer_name" text NOT NULL,
	"customer_phone" text NOT NULL,
	"customer_phone_digits" text NOT NULL,
	"customer_address" text NOT NULL,
	"equipment" jsonb NOT NULL,
	"applied_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"terms" text NOT NULL,
	"offered_by" uuid,
	"signature_sha256" text,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "maintenance_agreements_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "property_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"customer_name" text NOT NULL,
	"customer_phone" text NOT NULL,
	"customer_phone_digits" text NOT NULL,
	"customer_address" text NOT NULL,
	"details" jsonb NOT NULL,
	"applied_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"rounds" integer DEFAULT 0 NOT NULL,
	"connected_order_id" uuid,
	"connected_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "property_cases_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "property_counters" (
	"kind" text NOT NULL,
	"year" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "property_counters_kind_year_pk" PRIMARY KEY("kind","year")
);
--> statement-breakpoint
CREATE TABLE "property_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"clause" text NOT NULL,
	"group_name" text NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text DEFAULT '' NOT NULL,
	"unit" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"items" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rectified_at" timestamp with time zone,
	"rectified_by" uuid,
	"rectified_note" text,
	"overdue_notified_at" timestamp with time zone,
	CONSTRAINT "property_letters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "property_round_inspectors" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"department" text,
	"name" text NOT NULL,
	"signature_sha256" text,
	"signed_at" timestamp with time zone,
	CONSTRAINT "property_round_inspectors_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "property_round_items" (
	"round_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"clause" text NOT NULL,
	"group_name" text NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"unit" text,
	"sort" integer NOT NULL,
	"result" text,
	"measurement" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"photo_sha256" text,
	CONSTRAINT "property_round_items_round_id_item_id_pk" PRIMARY KEY("round_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "property_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"round_no" integer NOT NULL,
	"status" text NOT NULL,
	"scheduled_for" date NOT NULL,
	"departments" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"scheduled_by" uuid NOT NULL,
	"scheduled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"inspected_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"mutation_id" text,
	"submit_note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "property_case_id" uuid;--> statement-breakpoint
ALTER TABLE "maintenance_agreements" ADD CONSTRAINT "maintenance_agreements_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_agreements" ADD CONSTRAINT "maintenance_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_cases" ADD CONSTRAINT "property_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_documents" ADD CONSTRAINT "property_documents_case_id_property_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."property_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_documents" ADD CONSTRAINT "property_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_items" ADD CONSTRAINT "property_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_letters" ADD CONSTRAINT "property_letters_case_id_property_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."property_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_letters" ADD CONSTRAINT "property_letters_round_id_property_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."property_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_letters" ADD CONSTRAINT "property_letters_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_letters" ADD CONSTRAINT "property_letters_rectified_by_users_id_fk" FOREIGN KEY ("rectified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_round_inspectors" ADD CONSTRAINT "property_round_inspectors_round_id_property_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."property_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_round_inspectors" ADD CONSTRAINT "property_round_inspectors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_round_inspectors" ADD CONSTRAINT "property_round_inspectors_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_round_items" ADD CONSTRAINT "property_round_items_round_id_property_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."property_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_round_items" ADD CONSTRAINT "property_round_items_item_id_property_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."property_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_rounds" ADD CONSTRAINT "property_rounds_case_id_property_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."property_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_rounds" ADD CONSTRAINT "property_rounds_scheduled_by_users_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_rounds" ADD CONSTRAINT "property_rounds_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_agreements_phone_idx" ON "maintenance_agreements" USING btree ("customer_phone_digits","status");--> statement-breakpoint
CREATE INDEX "property_cases_status_idx" ON "property_cases" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "property_cases_phone_idx" ON "property_cases" USING btree ("customer_phone_digits");--> statement-breakpoint
CREATE INDEX "property_cases_txid_idx" ON "property_cases" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "property_documents_case_idx" ON "property_documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "property_items_kind_idx" ON "property_items" USING btree ("kind","active","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "property_letters_round_unique" ON "property_letters" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "property_letters_open_idx" ON "property_letters" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "property_round_inspectors_user_idx" ON "property_round_inspectors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "property_rounds_case_no_unique" ON "property_rounds" USING btree ("case_id","round_no");--> statement-breakpoint
CREATE INDEX "property_rounds_txid_idx" ON "property_rounds" USING btree ("txid");--> statement-breakpoint
CREATE TRIGGER property_cases_stamp_txid BEFORE INSERT OR UPDATE ON property_cases FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER property_rounds_stamp_txid BEFORE INSERT OR UPDATE ON property_rounds FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER property_documents_append_only BEFORE UPDATE OR DELETE ON property_documents FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON property_documents FROM tracemark_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON property_counters, property_cases, property_items, property_rounds, property_round_inspectors, property_round_items, property_letters, maintenance_agreements FROM tracemark_app;

--> statement-breakpoint
-- the default item lists: the PBX checklist (《安装用户交换机申请检验表》) and the works acceptance item list
-- (《客户自建通信工程验收项目一览表》); the organising departments maintain them from here (ADR 0039)
INSERT INTO property_items (id, kind, clause, group_name, text_zh, text_en, unit, active, sort) VALUES
  (gen_random_uuid(), 'pbx', 'P2-1', '证照', '进网许可标志齐全，与证书一致', 'Network-access label present and matches the certificate', NULL, true, 10),
  (gen_random_uuid(), 'pbx', 'P2-2', '配置', '容量与申请相符', 'Capacity as applied', 'lines', true, 20),
  (gen_random_uuid(), 'pbx', 'P2-3', '配置', '制式与申请相符', 'Standard (制式) as applied', NULL, true, 30),
  (gen_random_uuid(), 'pbx', 'P2-4', '配置', '接入方式与申请相符', 'Connection method as applied', NULL, true, 40),
  (gen_random_uuid(), 'pbx', 'P2-5', '电源', '供电及接地', 'Power supply and earthing', 'Ω', true, 50),
  (gen_random_uuid(), 'pbx', 'P2-6', '配置', '附属设备与申请相符', 'Ancillary equipment as applied', NULL, true, 60),
  (gen_random_uuid(), 'pbx', 'P2-7', '中继', '中继线连接及测试', 'Trunk lines connected and tested', 'lines', true, 70),
  (gen_random_uuid(), 'pbx', 'P2-8', '功能', '呼入呼出通话测试', 'Call test in and out', NULL, true, 80),
  (gen_random_uuid(), 'works', 'GB 50311 §6.1', '综合布线', '线缆路由及标识', 'Cabling routes and labelling', NULL, true, 10),
  (gen_random_uuid(), 'works', 'GB 50311 §6.2', '综合布线', '链路衰减', 'Cable link attenuation', 'dB', true, 20),
  (gen_random_uuid(), 'works', 'GB 50312 §5.3', '综合布线', '接线图及通断', 'Wire map and continuity', NULL, true, 30),
  (gen_random_uuid(), 'works', 'YD 5102 §8.1', '线路', '管道及杆路施工', 'Duct and pole line construction', NULL, true, 40),
  (gen_random_uuid(), 'works', 'YD 5102 §8.4', '线路', '光纤链路损耗', 'Optical loss of the fibre link', 'dB', true, 50),
  (gen_random_uuid(), 'works', 'YD 5098 §3.2', '防雷接地', '接地电阻', 'Earthing resistance', 'Ω', true, 60),
  (gen_random_uuid(), 'works', 'YD 5098 §3.5', '防雷接地', '防雷保护装置', 'Surge protection installed', NULL, true, 70),
  (gen_random_uuid(), 'works', 'GB 50311 §7.1', '资料', '竣工图纸与设计相符', 'As-built drawings match the design', NULL, true, 80);
