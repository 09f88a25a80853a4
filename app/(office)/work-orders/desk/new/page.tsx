import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { canWriteDesk } from "@/domain/work-orders/desk";
import { requireUser } from "@/server/auth/current-user";
import { CreateForm } from "./_parts/create-form";

export default async function NewWorkOrderPage() {
  const user = await requireUser();
  if (!canWriteDesk(user.role)) return <Forbidden />;
  const t = await getTranslations("desk");
  return (
    <div>
      <Link href="/work-orders/desk" className="back-link">
        ← {t("backToDesk")}
      </Link>
      <h1>{t("form.title")}</h1>
      <p className="subtitle">{t("form.intro")}</p>
      <CreateForm />
    </div>
  );
}
