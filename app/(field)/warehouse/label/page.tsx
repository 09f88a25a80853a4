import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { mayReceive } from "@/domain/warehouse/model";
import { LabelScreen } from "./_parts/label-screen";

/** Label by the Quality Acceptance Form (《质量认可单》) on the keeper's phone, offline too (the receipt is in the hash). */
export default async function LabelPage() {
  const user = await requireUser();
  if (!mayReceive(user.role)) return <Forbidden />;
  const t = await getTranslations("warehousePhone.label");
  return (
    <div data-testid="label-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <LabelScreen />
    </div>
  );
}
