CREATE TABLE "analysis_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period_key" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"data" jsonb NOT NULL,
	"generated_by" uuid,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"compute_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fishbones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"problem" text NOT NULL,
	"nonconformity_id" uuid,
	"action_id" uuid,
	"causes" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "fishbones_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "quality_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"department" text NOT NULL,
	"indicator" text NOT NULL,
	"target" numeric NOT NULL,
	"control" numeric,
	"direction" text NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "satisfaction_weights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"customer_key" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"channel" text DEFAULT 'phone' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"answers" jsonb,
	"comment" text DEFAULT '' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"seed" integer NOT NULL,
	"sample_size" integer NOT NULL,
	"frame_size" integer NOT NULL,
	"strata" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "surveys_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "target_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"month" smallint NOT NULL,
	"department" text NOT NULL,
	"indicator" text NOT NULL,
	"value" numeric NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analysis_reports" ADD CONSTRAINT "analysis_reports_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fishbones" ADD CONSTRAINT "fishbones_nonconformity_id_nonconformities_id_fk" FOREIGN KEY ("nonconformity_id") REFERENCES "public"."nonconformities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fishbones" ADD CONSTRAINT "fishbones_action_id_corrective_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."corrective_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fishbones" ADD CONSTRAINT "fishbones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fishbones" ADD CONSTRAINT "fishbones_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_targets" ADD CONSTRAINT "quality_targets_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_targets" ADD CONSTRAINT "quality_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_weights" ADD CONSTRAINT "satisfaction_weights_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_contacts" ADD CONSTRAINT "survey_contacts_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_contacts" ADD CONSTRAINT "survey_contacts_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_figures" ADD CONSTRAINT "target_figures_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_figures" ADD CONSTRAINT "target_figures_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "analysis_reports_key_idx" ON "analysis_reports" USING btree ("kind","period_key","revision");--> statement-breakpoint
CREATE INDEX "analysis_reports_generated_idx" ON "analysis_reports" USING btree ("generated_at");--> statement-breakpoint
CREATE INDEX "fishbones_action_idx" ON "fishbones" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_targets_key_idx" ON "quality_targets" USING btree ("year","department","indicator");--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_weights_year_version_idx" ON "satisfaction_weights" USING btree ("year","version");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_contacts_seq_idx" ON "survey_contacts" USING btree ("survey_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_contacts_customer_idx" ON "survey_contacts" USING btree ("survey_id","customer_key");--> statement-breakpoint
CREATE INDEX "surveys_year_idx" ON "surveys" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "target_figures_key_idx" ON "target_figures" USING btree ("year","month","department","indicator");--> statement-breakpoint
CREATE INDEX "work_orders_created_idx" ON "work_orders" USING btree ("created_at","kind");--> statement-breakpoint
CREATE INDEX "work_orders_closed_idx" ON "work_orders" USING btree ("closed_at","kind");--> statement-breakpoint
-- ADR 0041: weights are versions (a change is a new row); a report is a revision (regenerating adds one); nothing is deleted
REVOKE UPDATE, DELETE, TRUNCATE ON satisfaction_weights, analysis_reports FROM tracemark_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON surveys, survey_contacts, quality_targets, target_figures, fishbones FROM tracemark_app;
