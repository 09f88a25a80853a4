"use client";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { useTRPC } from "@/client/trpc";
import type { TChainBreak } from "@/domain/audit/chain";
import type { TVerifyResult } from "@/server/audit/verify";

type TProblem = NonNullable<TVerifyResult["evidence"]["firstProblem"]>;

/** Runs audit.verify on demand (it reads the whole log) and says what it found in words. */
export function AuditCheck() {
  const t = useTranslations("audit");
  const trpc = useTRPC();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const r = verify.data;
  return (
    <div className="stack">
      <button type="button" className="btn block" data-testid="audit-run" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? t("running") : t("run")}
      </button>
      <ErrorText error={verify.error} />
      {r && <Result r={r} />}
    </div>
  );
}

function Result({ r }: { r: TVerifyResult }) {
  const t = useTranslations("audit");
  const format = useFormatter();
  return (
    <div className="stack" data-testid="audit-result" data-ok={r.ok}>
      <div className={`alert`} data-tone={r.ok ? "ok" : "bad"} role="status">
        <strong style={{ fontSize: "1.25rem" }}>{r.ok ? t("ok") : t("broken")}</strong>
        {r.ok && <p>{t("summaryOk", { count: r.chain.count, files: r.evidence.files, signoffs: r.evidence.signoffs })}</p>}
      </div>
      <section className="card stack">
        <div className="title-row">
          <h2>{t("chainTitle")}</h2>
          <span className="badge" data-tone={r.chain.ok ? "ok" : "bad"}>
            {r.chain.ok ? t("ok") : t("broken")}
          </span>
        </div>
        {r.chain.firstBreak ? (
          <>
            <p data-testid="audit-break">
              <strong>{breakText(t, r.chain.firstBreak)}</strong>
            </p>
            <p className="muted">{t("chainBrokenAfter", { count: r.chain.count })}</p>
          </>
        ) : (
          <p>{t("chainOk", { count: r.chain.count })}</p>
        )}
        {r.chain.anchorsFailed.length > 0 && (
          <p>
            <strong>{t("anchorsFailed", { n: r.chain.anchorsFailed.length, seqs: r.chain.anchorsFailed.map((a) => a.seq).join(", ") })}</strong>
          </p>
        )}
        {r.chain.head && (
          <div>
            <p className="muted small">{t("head", { seq: r.chain.head.seq })}</p>
            <p className="mono small" style={{ wordBreak: "break-all" }} data-testid="audit-head">
              {r.chain.head.hash}
            </p>
          </div>
        )}
      </section>
      <section className="card stack">
        <div className="title-row">
          <h2>{t("evidenceTitle")}</h2>
          <span className="badge" data-tone={r.evidence.ok ? "ok" : "bad"}>
            {r.evidence.ok ? t("ok") : t("broken")}
          </span>
        </div>
        {r.evidence.firstProblem ? (
          <p data-testid="audit-problem">
            <strong>{problemText(t, r.evidence.firstProblem)}</strong>
          </p>
        ) : (
          <p>{t("evidenceOk", { files: r.evidence.files, signoffs: r.evidence.signoffs })}</p>
        )}
      </section>
      {!r.ok && <p className="card">{t("what")}</p>}
      <p className="muted small">
        {t("checkedAt", { time: format.dateTime(new Date(r.checkedAt), { dateStyle: "medium", timeStyle: "medium" }), seconds: (r.ms / 1000).toFixed(1) })}
      </p>
    </div>
  );
}

type T = ReturnType<typeof useTranslations<"audit">>;

function breakText(t: T, b: TChainBreak): string {
  switch (b.kind) {
    case "seq_gap":
      return t("break.seq_gap", { expected: b.expectedSeq, seq: b.chainSeq, id: b.id });
    case "prev_hash_mismatch":
    case "hash_mismatch":
    case "beyond_head":
      return t(`break.${b.kind}`, { seq: b.chainSeq, id: b.id });
    case "unchained":
      return t("break.unchained", { id: b.id });
    case "head_mismatch":
      return t("break.head_mismatch", { last: b.lastSeq, head: b.headSeq });
    case "head_missing":
      return t("break.head_missing");
  }
}

function problemText(t: T, p: TProblem): string {
  switch (p.kind) {
    case "file_changed":
    case "file_size":
      return t(`problem.${p.kind}`, { sha: p.sha256.slice(0, 12) });
    case "file_missing":
      return t("problem.file_missing", { sha: p.sha256.slice(0, 12), source: t(`source.${p.source as "work_order_photos"}`), rowId: p.rowId });
    case "evidence_mismatch":
    case "evidence_unrecorded":
      return t(`problem.${p.kind}`, { code: p.workOrderCode ?? p.workOrderId, signoffId: p.signoffId });
  }
}
