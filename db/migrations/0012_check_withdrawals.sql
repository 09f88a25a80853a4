CREATE TABLE "equipment_check_withdrawals" (
	"check_id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"superseded_by" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"device_id" uuid,
	"mutation_id" uuid,
	"client_time" timestamp with time zone,
	"server_time" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	CONSTRAINT "equipment_check_withdrawals_mutation_id_unique" UNIQUE("mutation_id")
);
--> statement-breakpoint
ALTER TABLE "equipment_check_withdrawals" ADD CONSTRAINT "equipment_check_withdrawals_check_id_equipment_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."equipment_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_check_withdrawals" ADD CONSTRAINT "equipment_check_withdrawals_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_check_withdrawals" ADD CONSTRAINT "equipment_check_withdrawals_superseded_by_equipment_checks_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."equipment_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_check_withdrawals" ADD CONSTRAINT "equipment_check_withdrawals_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_check_withdrawals_wo_idx" ON "equipment_check_withdrawals" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "equipment_check_withdrawals_txid_idx" ON "equipment_check_withdrawals" USING btree ("txid");--> statement-breakpoint
CREATE TRIGGER equipment_check_withdrawals_stamp_txid BEFORE INSERT OR UPDATE ON equipment_check_withdrawals FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER equipment_check_withdrawals_append_only BEFORE UPDATE OR DELETE ON equipment_check_withdrawals FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
-- a fact, like the checks it withdraws (ADRs 0018, 0021): the app inserts and reads it only
REVOKE UPDATE, DELETE, TRUNCATE ON equipment_check_withdrawals FROM tracemark_app;
