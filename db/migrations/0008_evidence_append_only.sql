-- Evidence files are content-addressed facts: once stored, never changed or removed by the app.
CREATE TRIGGER evidence_files_append_only BEFORE UPDATE OR DELETE ON evidence_files FOR EACH ROW EXECUTE FUNCTION tm_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON evidence_files FOR EACH STATEMENT EXECUTE FUNCTION tm_append_only();
