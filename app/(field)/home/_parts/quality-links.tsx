import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Enterprise management's ways into the records it oversees: the work-order desk (read) and the audit-trail check. */
export async function QualityLinks() {
  const tDesk = await getTranslations("desk");
  const tAudit = await getTranslations("audit");
  return (
    <div className="card stack" data-testid="quality-links">
      <Link className="btn block" href="/work-orders/desk" data-testid="quality-desk">
        {tDesk("title")}
      </Link>
      <Link className="btn secondary block" href="/admin/audit" data-testid="quality-audit">
        {tAudit("manage")}
      </Link>
    </div>
  );
}
