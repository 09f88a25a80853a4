"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { focusMissing } from "@/app/_ui/focus-missing";
import { Icon } from "@/app/_ui/icons";
import { useSync } from "@/client/sync/provider";
import { enterCustomerModeLocally } from "@/client/work-orders/customer-mode";
import { queueSelfCheck, type TQueueProblem } from "@/client/work-orders/enqueue";
import { caseLink, type WorkOrderView } from "@/client/work-orders/read-model";
import { rejectionMessageKey } from "@/domain/sync/codes";
import { derivedChecklist, initialTicks, manualChecklist, shownDerivedItems } from "@/domain/work-orders/checklist";
import { handOverMissing, untickedItems, type THandOverMissing } from "@/domain/work-orders/missing";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import type { SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { useQueue } from "@/app/_ui/work-orders/use-queue";

const SignatureBox = dynamic(() => import("@/app/_ui/work-orders/signature-box").then((m) => m.SignatureBox), { ssr: false });

/** Puts the phone in customer mode for this order and opens the customer's screen (no way back without the password). */
export function useHandOver(workOrderId: string): () => Promise<void> {
  const router = useRouter();
  const { store } = useSync();
  const q = useQueue();
  return async () => {
    if (!store || !q) return;
    await enterCustomerModeLocally(store, q.ctx.userId, workOrderId);
    router.replace(`/customer#${encodeURIComponent(workOrderId)}`);
  };
}

/**
 * The lineman's self-check (自检) on the order screen: the kind's checklist (shown ticked: the lineman unticks what
 * was not done, and what is signed is what is shown, ADR 0022), what the recorded
 * checks already say (derived, never ticked), the lineman's signature as the self-check mark, and one button that
 * signs and hands the phone to the customer.
 */
export function SelfCheck({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders.selfCheck");
  const q = useQueue();
  const handOver = useHandOver(view.workOrder.id);
  const items = manualChecklist(view.workOrder.kind);
  const [ticked, setTicked] = useState<Record<string, boolean>>(() => initialTicks(view.workOrder.kind));
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  const [missing, setMissing] = useState<THandOverMissing[]>([]);
  const [busy, setBusy] = useState(false);
  const pad = useRef<SignatureBoxHandle>(null);
  const list = useRef<HTMLFieldSetElement>(null);
  const unticked = untickedItems(missing);
  const unsigned = missing.some((m) => m.what === "signature");
  const linkedCase = caseLink(view.workOrder);
  const derived = derivedChecklist(
    view.checks.map((c) => ({ equipmentType: c.equipmentType, verdict: c.verdict, outcome: c.outcome, pbx: c.pbx })),
    linkedCase,
  );
  // the same rule the record prints by (domain shownDerivedItems): what is shown here is what is signed
  const hasPbx = shownDerivedItems(view.checks).includes("pbx_inspected");

  /** Takes the lineman to the first missing thing: a check to correct, an unticked item, or the signature pad. */
  const focusFirst = (first: THandOverMissing) => {
    if (first.what === "check") focusMissing(document.querySelector(`[data-check-id="${CSS.escape(first.checkId)}"]`));
    else if (first.what === "case") focusMissing(document.querySelector('[data-testid="linked-case"]'));
    else if (first.what === "serviceRecord") focusMissing(document.querySelector('[data-testid="service-record"]'));
    else if (first.what === "checklist") focusMissing(list.current?.querySelector(`input[name="${first.item}"]`));
    else pad.current?.focus();
  };

  const signAndHandOver = async () => {
    if (!q) return;
    const signature = pad.current?.export() ?? null;
    const checks = view.checks.map((c) => ({ id: c.id, equipmentType: c.equipmentType, verdict: c.verdict, outcome: c.outcome, pbx: c.pbx }));
    const now = handOverMissing({
      kind: view.workOrder.kind,
      ticked,
      checks,
      signed: signature !== null,
      serviceRecord: view.serviceRecord !== null,
      linkedCase,
    });
    setMissing(now);
    setProblem(null);
    if (now.length > 0) {
      focusFirst(now[0]!);
      return;
    }
    if (!signature) return;
    setBusy(true);
    setProblem(null);
    const r = await queueSelfCheck(q.ctx, view, ticked, { mime: signature.mime, base64: signature.base64, strokes: signature.strokes });
    if (!r.ok) {
      setBusy(false);
      setProblem(r.problem);
      return;
    }
    q.kick();
    await handOver();
  };

  return (
    <section className="card self-check" aria-labelledby="self-check-title" data-testid="self-check">
      <h2 id="self-check-title">{t("title")}</h2>
      <p className="help">{t("help")}</p>
      <ul className="derived" data-testid="derived-checklist">
        <li data-ok={derived.equipment_resolved}>
          <Icon name={derived.equipment_resolved ? "check" : "alert"} size={22} />
          {view.checks.length === 0
            ? t("derived.noEquipment")
            : t(derived.equipment_resolved ? "derived.equipment_resolved" : "derived.equipment_unresolved", { count: view.checks.length })}
        </li>
        {hasPbx && (
          <li data-ok={derived.pbx_inspected}>
            <Icon name={derived.pbx_inspected ? "check" : "alert"} size={22} />
            {t(derived.pbx_inspected ? "derived.pbx_inspected" : "derived.pbx_not_inspected")}
          </li>
        )}
      </ul>
      <fieldset className="choices" ref={list}>
        <legend>{t("checklist")}</legend>
        {items.map((id) => (
          <label key={id} className="choice" data-testid={`tick-${id}`} data-missing={unticked.includes(id) && ticked[id] !== true}>
            <input
              type="checkbox"
              name={id}
              checked={ticked[id] === true}
              aria-invalid={unticked.includes(id) && ticked[id] !== true}
              onChange={(e) => setTicked((s) => ({ ...s, [id]: e.target.checked }))}
            />
            <span>{t(`item.${id}`)}</span>
          </label>
        ))}
      </fieldset>
      <SignatureBox
        ref={pad}
        label={t("signature")}
        testId="lineman-signature"
        invalid={unsigned}
        onStrokes={(n) => n > 0 && setMissing((m) => m.filter((x) => x.what !== "signature"))}
      />
      {unsigned && (
        <p className="field-error" data-testid="lineman-unsigned">
          {t("signFirst")}
        </p>
      )}
      <MissingText missing={missing} />
      <ProblemText problem={problem} testId="self-check-problem" />
      <button type="button" className="btn block big-action" onClick={() => void signAndHandOver()} disabled={busy || !q} data-testid="sign-hand-over">
        {t("signAndHandOver")}
      </button>
    </section>
  );
}

/** Everything still missing before the hand-over, in words: the checks to correct, the items to tick, the signature. */
function MissingText({ missing }: { missing: THandOverMissing[] }) {
  const t = useTranslations();
  if (missing.length === 0) return null;
  const items = untickedItems(missing);
  const checks = [...new Set(missing.flatMap((m) => (m.what === "check" ? [m.problem] : [])))];
  return (
    <div
      className="alert"
      data-tone="bad"
      role="alert"
      data-testid="hand-over-missing"
      data-missing={missing.map((m) => (m.what === "checklist" ? m.item : m.what)).join(" ")}
    >
      {missing.some((m) => m.what === "case") && <p data-testid="missing-case">{t(rejectionMessageKey("works_not_accepted"))}</p>}
      {missing.some((m) => m.what === "serviceRecord") && <p data-testid="missing-service-record">{t("serviceRecord.fillFirst")}</p>}
      {checks.map((c) => (
        <p key={c}>{t(rejectionMessageKey(c))}</p>
      ))}
      {items.length > 0 && (
        <p>
          {t("workOrders.selfCheck.tickFirst", { items: items.map((i) => t(`workOrders.selfCheck.item.${i}`)).join(t("workOrders.selfCheck.listSeparator")) })}
        </p>
      )}
      {missing.some((m) => m.what === "signature") && <p>{t("workOrders.selfCheck.signFirst")}</p>}
    </div>
  );
}
