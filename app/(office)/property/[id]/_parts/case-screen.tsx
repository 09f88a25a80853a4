"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useViewer } from "@/app/_ui/viewer";
import { useTRPC } from "@/client/trpc";
import { isCustomerService, isOrganiser, type TCaseStep } from "@/domain/property/model";
import { useDropRecorded } from "../../_parts/kit";
import { CaseHead } from "./case-head";
import { Documents } from "./documents";
import { Letters } from "./letters";
import { Rounds } from "./rounds";
import { ScheduleForm } from "./schedule-form";
import { CancelForm, LetterForm, SimpleStepForm } from "./step-forms";

/** The office's steps, in the order they are offered (submitRound is the inspectors', on the phone). */
const OFFERED: readonly TCaseStep[] = ["schedule", "issueLetter", "reportRectified", "connect", "cancelRound", "cancel"];

/** The case: head, the steps the viewer may take (one button, then its form), documents, rounds, letters, the PDF. */
export function CaseScreen({ id }: { id: string }) {
  const t = useTranslations("propertyOffice.case");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const viewer = useViewer();
  const recorded = useSearchParams().get("recorded") === "1";
  const [open, setOpen] = useState<TCaseStep | null>(null);
  const [notice, setNotice] = useState<string | null>(() => (recorded ? t("done.recorded") : null));
  useDropRecorded(recorded);
  const q = useQuery(trpc.property.get.queryOptions({ id }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.property.get.queryKey({ id }) });
    void qc.invalidateQueries({ queryKey: trpc.property.list.pathKey() });
  };
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (q.isError) return <ErrorText error={q.error} />;
  const c = q.data;
  const done = (step: TCaseStep) => {
    setOpen(null);
    setNotice(t(`done.${step}`));
    refresh();
    window.scrollTo({ top: 0 });
  };
  const steps = OFFERED.filter((s) => c.allowedSteps.includes(s));
  const props = { c, onDone: done, onConflict: refresh, onBack: () => setOpen(null) };
  const mayUpload = isCustomerService(viewer) || isOrganiser(viewer, c.case.kind);
  return (
    <div className="stack" data-testid="case-detail" data-status={c.case.status} data-code={c.case.code} data-rounds={c.case.rounds}>
      <CaseHead c={c} />
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {open === "schedule" && <ScheduleForm {...props} />}
      {open === "issueLetter" && <LetterForm {...props} />}
      {(open === "reportRectified" || open === "connect" || open === "cancelRound") && <SimpleStepForm step={open} {...props} />}
      {open === "cancel" && <CancelForm {...props} />}
      {open === null && steps.length > 0 && (
        <section className="card stack" data-testid="case-steps">
          <h2 style={{ margin: 0 }}>{t("yourSteps")}</h2>
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              className={`btn block${s === "cancel" || s === "cancelRound" ? " secondary" : ""}`}
              onClick={() => {
                setNotice(null);
                setOpen(s);
              }}
              data-testid={`open-${s}`}
            >
              {s === "connect"
                ? t(`openService.${c.case.kind}`)
                : t(`stepButton.${s === "schedule" && c.rounds.some((r) => r.status === "failed") ? "scheduleAgain" : s}`)}
            </button>
          ))}
        </section>
      )}
      <Documents c={c} mayUpload={mayUpload} onUploaded={refresh} />
      <Rounds c={c} />
      <Letters c={c} />
      <a className="btn secondary block" href={`/api/property/cases/${c.case.id}/pdf`} target="_blank" rel="noreferrer" data-testid="case-pdf">
        {t(`print.${c.case.kind}`)}
      </a>
      <Link className="btn secondary block" href="/property" data-testid="back-to-register">
        {t("back")}
      </Link>
    </div>
  );
}
