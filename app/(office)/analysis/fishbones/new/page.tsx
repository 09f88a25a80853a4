import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { Worksheet } from "../_parts/worksheet";

/** A new fishbone worksheet (鱼刺图): quality starts it; once saved the page becomes the worksheet's own, with its diagram. */
export default async function NewFishbonePage() {
  const user = await requireUser();
  if (user.role !== "quality") return <Forbidden />;
  const t = await getTranslations("analysisReports.fishbones");
  const tf = await getTranslations("analysisReports.form");
  return (
    <div className="stack" data-testid="fishbone-new-page">
      <Link href="/analysis/fishbones" className="back-link" data-testid="back-to-fishbones">
        ← {t("backToList")}
      </Link>
      <h1 style={{ margin: 0 }}>{t("newTitle")}</h1>
      <Worksheet saved={null} mayEdit />
      <p className="empty" data-testid="fishbone-no-diagram">
        {tf("noDiagram")}
      </p>
    </div>
  );
}
