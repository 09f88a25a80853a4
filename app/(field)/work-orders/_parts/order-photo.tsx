"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PhotoField } from "@/app/_ui/photo-field";
import type { PendingPhoto } from "@/client/photo/pending";
import { queueAddPhoto, type TQueueProblem } from "@/client/work-orders/enqueue";
import type { WorkOrderView } from "@/client/work-orders/read-model";
import { FIELD_WORK_STATUSES } from "@/domain/work-orders/status";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import { useQueue } from "@/app/_ui/work-orders/use-queue";

/** A photo of the work itself (the installed point, the site), attached to the order; queued like every step. */
export function OrderPhoto({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders.photos");
  const q = useQueue();
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  if (!FIELD_WORK_STATUSES.includes(view.status)) return null;
  const onPhoto = async (p: PendingPhoto | null) => {
    if (!p || !q) return;
    const r = await queueAddPhoto(q.ctx, view, { mime: p.mime, base64: p.base64 });
    URL.revokeObjectURL(p.previewUrl);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    q.kick();
  };
  return (
    <section aria-labelledby="photos-title" data-testid="order-photos">
      <h2 id="photos-title">{t("title")}</h2>
      {view.queuedPhotos > 0 && (
        <p className="muted small" data-testid="order-photos-queued">
          {t("queued", { count: view.queuedPhotos })}
        </p>
      )}
      <ProblemText problem={problem} testId="order-photo-problem" />
      <PhotoField value={null} onChange={(p) => void onPhoto(p)} testId="order-photo" />
    </section>
  );
}
