import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { canReadDesk, canWriteDesk } from "@/domain/work-orders/desk";
import { requireUser } from "@/server/auth/current-user";
import { DeskScreen } from "./_parts/desk-screen";

/** The office work-order desk (customer service, 客户服务部): every order, most urgent first. */
export default async function DeskPage() {
  const user = await requireUser();
  if (!canReadDesk(user.role)) return <Forbidden />;
  const t = await getTranslations("desk");
  return (
    <div data-testid="desk">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      {canWriteDesk(user.role) && (
        <Link className="btn block" href="/work-orders/desk/new" data-testid="desk-new" style={{ marginBottom: 14 }}>
          {t("new")}
        </Link>
      )}
      <Suspense>
        <DeskScreen />
      </Suspense>
    </div>
  );
}
