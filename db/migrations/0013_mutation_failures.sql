CREATE TABLE "mutation_failures" (
	"mutation_id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"fingerprint" text NOT NULL,
	"failures" integer NOT NULL,
	"error" text NOT NULL,
	"reference" text NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rejected_at" timestamp with time zone,
	CONSTRAINT "mutation_failures_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "mutation_failures" ADD CONSTRAINT "mutation_failures_device_id_devices_device_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("device_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_failures" ADD CONSTRAINT "mutation_failures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mutation_failures_device_idx" ON "mutation_failures" USING btree ("device_id");