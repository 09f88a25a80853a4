import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality, mayRunQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { CheckScreen } from "./_parts/check-screen";

/** One check: a walk's marks with their photos, or a work-order check's sampled orders marked one by one, then finished. */
export default async function CheckPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!mayReadAllQuality(user.role)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("qualityOffice.checks.detail");
  const valid = z.uuid().safeParse(id).success;
  return (
    <div>
      <Link href="/quality/checks" className="back-link" data-testid="back-to-checks">
        ← {t("back")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.quality.check.queryOptions({ id })]}>
          <CheckScreen id={id} marks={mayRunQuality(user.role)} />
        </Prefetched>
      ) : (
        <p className="empty">{t("notFound")}</p>
      )}
    </div>
  );
}
