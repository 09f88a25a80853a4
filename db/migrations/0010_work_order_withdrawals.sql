CREATE TABLE "work_order_withdrawals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_withdrawals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"work_order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_order_withdrawals" ADD CONSTRAINT "work_order_withdrawals_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_withdrawals" ADD CONSTRAINT "work_order_withdrawals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_withdrawals_user_txid_idx" ON "work_order_withdrawals" USING btree ("user_id","txid");--> statement-breakpoint
CREATE TRIGGER work_order_withdrawals_stamp_txid BEFORE INSERT OR UPDATE ON work_order_withdrawals FOR EACH ROW EXECUTE FUNCTION tm_stamp_txid();
--> statement-breakpoint
CREATE TRIGGER work_order_withdrawals_append_only BEFORE UPDATE OR DELETE ON work_order_withdrawals FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
-- a fact, like the other records (ADR 0018): the app inserts and reads it only
REVOKE UPDATE, DELETE, TRUNCATE ON work_order_withdrawals FROM tracemark_app;
--> statement-breakpoint
-- orders re-assigned before this migration: their earlier linemen drop them too (from the audit trail)
INSERT INTO work_order_withdrawals (work_order_id, user_id, at)
SELECT w.id, u.id, a.occurred_at
FROM audit_events a
JOIN work_orders w ON w.id::text = a.subject_id
JOIN users u ON u.id::text = a.payload->>'fromAssigneeId'
WHERE a.name = 'workOrder.assigned' AND a.subject_type = 'work_order'
  AND a.payload->>'fromAssigneeId' IS DISTINCT FROM a.payload->>'toAssigneeId';
