import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { z } from "zod";
import { requireUser } from "@/server/auth/current-user";
import { ActionScreen } from "./_parts/action-screen";

/**
 * One Corrective/Preventive Action Record (《纠正预防措施记录表》): the nonconformity, every signed step of every round,
 * the step the viewer may take now (the head's plan, implemented, quality's verification) and the printable PDF. The
 * head fills it on a phone: one column, big fields. Who may read it is the server's (actions.get).
 */
export default async function ActionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const t = await getTranslations("qualityOffice.actions");
  if (!z.uuid().safeParse(id).success) return <p className="empty">{t("notFound")}</p>;
  return (
    <div data-testid="quality-action">
      <Suspense>
        <ActionScreen id={id} />
      </Suspense>
    </div>
  );
}
