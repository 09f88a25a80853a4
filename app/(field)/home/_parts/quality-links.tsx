import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { mayWalkCheck } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";

/**
 * Enterprise management's ways into the records it oversees: the complaints desk, the key-customer register, the
 * green-channel policy and the month's summary, the work-order desk (read), the warehouse's registers (quarantine
 * and receipts with their Quality Acceptance Forms: quality spot-checks labels) and the audit-trail check. A quality
 * checker's first way in is the label spot-check walk on the phone (标识检查, /quality/check, offline too).
 */
export async function QualityLinks() {
  const user = await requireUser();
  const tq = await getTranslations("qualityPhone");
  const tDesk = await getTranslations("desk");
  const tAudit = await getTranslations("audit");
  const tc = await getTranslations("complaintsDesk.links");
  const tw = await getTranslations("warehouseOffice.links");
  return (
    <div className="card stack" data-testid="quality-links">
      {mayWalkCheck(user.role) && (
        <Link className="btn block big-action" href="/quality/check" data-testid="quality-spot-check">
          {tq("homeButton")}
        </Link>
      )}
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
