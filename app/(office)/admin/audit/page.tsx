import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { AUDIT_VERIFY_ROLES } from "@/server/audit/router";
import { AuditCheck } from "./_parts/audit-check";

export default async function AuditPage() {
  const user = await requireUser();
  if (!(AUDIT_VERIFY_ROLES as readonly string[]).includes(user.role)) return <Forbidden />;
  const t = await getTranslations("audit");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      <AuditCheck />
    </div>
  );
}
