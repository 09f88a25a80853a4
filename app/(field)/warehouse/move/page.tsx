import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { mayReceive } from "@/domain/warehouse/model";
import { MoveScreen } from "./_parts/move-screen";

/** Issue and return of stock (领用/退库) on the keeper's phone, offline too: scan the tag, then the person or department. */
export default async function MovePage() {
  const user = await requireUser();
  if (!mayReceive(user.role)) return <Forbidden />;
  const t = await getTranslations("warehousePhone.move");
  return (
    <div data-testid="move-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <MoveScreen />
    </div>
  );
}
