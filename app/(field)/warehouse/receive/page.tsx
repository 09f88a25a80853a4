import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { mayReceive } from "@/domain/warehouse/model";
import { ReceiveScreen } from "./_parts/receive-screen";

/** Receive a delivery (到货登记) on the keeper's phone, with no signal too (one cached page; the receipt is in the hash). */
export default async function ReceivePage() {
  const user = await requireUser();
  if (!mayReceive(user.role)) return <Forbidden />;
  const t = await getTranslations("warehousePhone.receive");
  return (
    <div data-testid="receive-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <ReceiveScreen />
    </div>
  );
}
