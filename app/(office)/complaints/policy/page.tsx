import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { canMaintainPolicy, canReadDesk } from "@/domain/complaints/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { OfficeLinks } from "../_parts/office-links";
import { CategoriesScreen } from "./_parts/categories-screen";
import { PolicyScreen } from "./_parts/policy-screen";

/** The green-channel policy (绿色通道) and the complaint categories: the quality department edits, the desk reads. */
export default async function PolicyPage() {
  const user = await requireUser();
  if (!canReadDesk(user)) return <Forbidden />;
  const t = await getTranslations("complaintsDesk.policy");
  const canEdit = canMaintainPolicy(user);
  return (
    <div data-testid="complaints-policy">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      {!canEdit && (
        <p className="alert" data-tone="info" data-testid="policy-read-only">
          {t("readOnly")}
        </p>
      )}
      <Prefetched queries={(trpc) => [trpc.complaints.policy.queryOptions(), trpc.complaints.categories.queryOptions()]}>
        <PolicyScreen canEdit={canEdit} />
        <CategoriesScreen canEdit={canEdit} />
      </Prefetched>
      <OfficeLinks current="policy" />
    </div>
  );
}
