CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"href" text NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_user_key_idx" ON "notices" USING btree ("user_id","key");--> statement-breakpoint
CREATE INDEX "notices_user_txid_idx" ON "notices" USING btree ("user_id","txid");--> statement-breakpoint
CREATE TRIGGER notices_stamp_txid BEFORE INSERT OR UPDATE ON notices FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
-- the app raises notices and marks them read; it changes nothing else of one and never deletes one (ADR 0018)
REVOKE UPDATE, DELETE, TRUNCATE ON notices FROM tracemark_app;
--> statement-breakpoint
GRANT UPDATE (read_at) ON notices TO tracemark_app;
