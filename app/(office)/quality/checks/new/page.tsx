import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayRunQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { PlanForm } from "./_parts/plan-form";

/** Quality plans a check: a zone, a department's equipment and instruments, or a sample of closed work orders. */
export default async function PlanCheckPage() {
  const user = await requireUser();
  if (!mayRunQuality(user.role)) return <Forbidden />;
  const t = await getTranslations("qualityOffice.checks.form");
  return (
    <div>
      <Link href="/quality/checks" className="back-link">
        ← {t("back")}
      </Link>
      <h1>{t("title")}</h1>
      <PlanForm />
    </div>
  );
}
