"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { useTRPC } from "@/client/trpc";
import { Worksheet } from "./worksheet";

/** A saved worksheet: its code and links at the head, then the form (editable for quality and the action's head). */
export function FishboneScreen({ id, created }: { id: string; created: boolean }) {
  const t = useTranslations("analysisReports");
  const trpc = useTRPC();
  const q = useQuery(trpc.analysis.fishbone.queryOptions({ id }));
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("fishbones.loading")}
      </p>
    );
  if (q.isError) return <ErrorText error={q.error} />;
  const f = q.data;
  return (
    <div className="stack" data-testid="fishbone-detail" data-code={f.code} data-version={f.version}>
      <div className="title-row" style={{ flexWrap: "wrap", gap: 8 }}>
        <h1 className="mono" style={{ margin: 0 }}>
          {f.code}
        </h1>
        <span className="badge" data-tone="muted">
          {t("fishbones.title")}
        </span>
      </div>
      {created && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {t("form.created", { code: f.code })}
        </div>
      )}
      <Worksheet
        saved={{
          id: f.id,
          code: f.code,
          version: f.version,
          problem: f.problem,
          nonconformityId: f.nonconformityId,
          actionId: f.actionId,
          ncCode: f.ncCode,
          actionCode: f.actionCode,
          causes: f.causes,
        }}
        mayEdit={f.can.edit}
      />
    </div>
  );
}
