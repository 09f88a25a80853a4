import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { FishboneDiagram } from "../_parts/fishbone-diagram";
import { FishboneScreen } from "../_parts/fishbone-screen";

/**
 * One fishbone worksheet (鱼刺图): the form (quality edits it; so does the head of the linked corrective action's
 * department; the other readers see it), the diagram the server draws from what was saved, and the PDF to print.
 */
export default async function FishbonePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const t = await getTranslations("analysisReports");
  const valid = z.uuid().safeParse(id).success;
  return (
    <div className="stack" data-testid="fishbone-page">
      <Link href="/analysis/fishbones" className="back-link" data-testid="back-to-fishbones">
        ← {t("fishbones.backToList")}
      </Link>
      {valid ? (
        <>
          <Prefetched queries={(trpc) => [trpc.analysis.fishbone.queryOptions({ id })]}>
            <FishboneScreen id={id} created={sp.created === "1"} />
          </Prefetched>
          <Suspense>
            <FishboneDiagram id={id} />
          </Suspense>
        </>
      ) : (
        <p className="empty">{t("fishbones.notFound")}</p>
      )}
    </div>
  );
}
