CREATE INDEX "equipment_checks_server_time_idx" ON "equipment_checks" USING btree ("server_time","server_result");--> statement-breakpoint
CREATE INDEX "complaints_replied_idx" ON "complaints" USING btree ("replied_at") WHERE "complaints"."replied_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "complaints_callback_idx" ON "complaints" USING btree ("callback_at") WHERE "complaints"."callback_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "spot_check_marks_marked_idx" ON "spot_check_marks" USING btree ("marked_at");