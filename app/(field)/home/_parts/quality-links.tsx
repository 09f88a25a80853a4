import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Enterprise management's ways into the records it oversees: the complaints desk, the key-customer register, the
 * green-channel policy and the month's summary, the work-order desk (read), the warehouse's registers (quarantine
 * and receipts with their Quality Acceptance Forms: quality spot-checks labels) and the audit-trail check.
 */
export async function QualityLinks() {
  const tDesk = await getTranslations("desk");
  const tAudit = await getTranslations("audit");
  const tc = await getTranslations("complaintsDesk.links");
  const tw = await getTranslations("warehouseOffice.links");
  return (
    <div className="card stack" data-testid="quality-links">
      <Link className="btn block" href="/complaints/desk" data-testid="quality-complaints">
        {tc("desk")}
      </Link>
      <Link className="btn secondary block" href="/complaints/key-customers" data-testid="quality-key-customers">
        {tc("keyCustomers")}
      </Link>
      <Link className="btn secondary block" href="/complaints/policy" data-testid="quality-policy">
        {tc("policy")}
      </Link>
      <Link className="btn secondary block" href="/complaints/summary" data-testid="quality-summary">
        {tc("summary")}
      </Link>
      <Link className="btn secondary block" href="/work-orders/desk" data-testid="quality-desk">
        {tDesk("title")}
      </Link>
      <Link className="btn secondary block" href="/warehouse/quarantine" data-testid="quality-warehouse-quarantine">
        {tw("quarantine")}
      </Link>
      <Link className="btn secondary block" href="/warehouse/receipts" data-testid="quality-warehouse-receipts">
        {tw("receipts")}
      </Link>
      <Link className="btn secondary block" href="/admin/audit" data-testid="quality-audit">
        {tAudit("manage")}
      </Link>
    </div>
  );
}
