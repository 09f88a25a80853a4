import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { ROLE_GROUPS } from "@/domain/auth/roles";
import { requireUser } from "@/server/auth/current-user";
import { JobsAdmin } from "./_parts/jobs-admin";
import { OpenTransactions } from "./_parts/open-transactions";

export default async function JobsPage() {
  const user = await requireUser();
  if (!(ROLE_GROUPS.admins as readonly string[]).includes(user.role)) return <Forbidden />;
  const t = await getTranslations("jobs");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      <JobsAdmin />
      <OpenTransactions />
    </div>
  );
}
