import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { DevicesAdmin } from "./_parts/devices-admin";

export default async function DevicesPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  const t = await getTranslations("admin.devices");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      <DevicesAdmin />
    </div>
  );
}
