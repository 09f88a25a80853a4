DROP INDEX "complaints_closed_idx";--> statement-breakpoint
DROP INDEX "complaints_received_idx";--> statement-breakpoint
DROP INDEX "complaints_contact_idx";--> statement-breakpoint
DROP INDEX "complaints_department_idx";--> statement-breakpoint
CREATE INDEX "complaints_awaiting_due_idx" ON "complaints" USING btree ("due_at","code") WHERE "complaints"."status" in ('recorded', 'classified', 'accepted', 'investigating', 'resolved');--> statement-breakpoint
CREATE INDEX "complaints_escalated_due_idx" ON "complaints" USING btree ("due_at","code") WHERE "complaints"."escalation" is not null and "complaints"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "complaints_unclassified_idx" ON "complaints" USING btree ("due_at") WHERE "complaints"."status" = 'recorded';--> statement-breakpoint
CREATE INDEX "complaints_code_prefix_idx" ON "complaints" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "complaints_closed_idx" ON "complaints" USING btree ("closed_at","code") WHERE "complaints"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at","code");--> statement-breakpoint
CREATE INDEX "complaints_contact_idx" ON "complaints" USING btree ("contact_digits" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "complaints_department_idx" ON "complaints" USING btree ("department","due_at","code");