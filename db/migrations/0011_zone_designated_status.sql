ALTER TABLE "zones" ADD COLUMN "holds" text;
--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_holds_quarantine" CHECK ("holds" IS NULL OR ("kind" = 'quarantine' AND "holds" IN ('returned', 'pending_disposal', 'scrapped')));
--> statement-breakpoint
-- existing quarantine areas are designated by what they hold now: every item in it carries the same quarantine label
UPDATE zones z SET holds = one.status
FROM (
  SELECT zone_code, min(status) AS status FROM items WHERE zone_code IS NOT NULL GROUP BY zone_code
  HAVING count(DISTINCT status) = 1 AND min(status) IN ('returned', 'pending_disposal', 'scrapped')
) one
WHERE z.code = one.zone_code AND z.kind = 'quarantine';
