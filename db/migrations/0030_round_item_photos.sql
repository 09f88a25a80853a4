-- Issue 16: an item of an inspection round keeps several photos (at most MAX_ROUND_ITEM_PHOTOS, domain/property/model.ts),
-- in the order taken, as SHA-256 references into the evidence store. Rounds already inspected keep their one photo as
-- a list of one.
ALTER TABLE "property_round_items" ADD COLUMN "photo_sha256s" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
UPDATE "property_round_items" SET "photo_sha256s" = ARRAY["photo_sha256"] WHERE "photo_sha256" IS NOT NULL;
--> statement-breakpoint
-- photo_sha256 stays, always the first of photo_sha256s (or null), so whatever knows one photo only stays right: a
-- process of the previous release still running beside a new one while several restart in turn (it reads and writes
-- photo_sha256 alone), a report written against the column. Kept in step here, whoever writes:
-- - a write that changes photo_sha256 but leaves photo_sha256s as it was (a writer from before this migration)
--   makes that photo the list (none when it wrote null);
-- - otherwise photo_sha256 becomes the list's first.
CREATE OR REPLACE FUNCTION tm_round_item_first_photo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.photo_sha256s IS NOT DISTINCT FROM OLD.photo_sha256s AND NEW.photo_sha256 IS DISTINCT FROM OLD.photo_sha256 THEN
    NEW.photo_sha256s := CASE WHEN NEW.photo_sha256 IS NULL THEN '{}'::text[] ELSE ARRAY[NEW.photo_sha256] END;
  ELSIF TG_OP = 'INSERT' AND NEW.photo_sha256 IS NOT NULL AND cardinality(NEW.photo_sha256s) = 0 THEN
    NEW.photo_sha256s := ARRAY[NEW.photo_sha256];
  END IF;
  NEW.photo_sha256 := NEW.photo_sha256s[1];
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER property_round_items_first_photo BEFORE INSERT OR UPDATE ON property_round_items FOR EACH ROW EXECUTE FUNCTION tm_round_item_first_photo();
