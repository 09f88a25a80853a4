"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import { useCustomerServer } from "@/app/_ui/work-orders/use-customer-server";
import { useQueue } from "@/app/_ui/work-orders/use-queue";
import { focusMissing } from "@/app/_ui/focus-missing";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { useSync } from "@/client/sync/provider";
import { customerModeOf, enterCustomerModeLocally, markServerEntered } from "@/client/work-orders/customer-mode";
import { queueCustomerRefuse, queueCustomerSign, type TQueueProblem } from "@/client/work-orders/enqueue";
import { workOrderView, type WorkOrderView } from "@/client/work-orders/read-model";
import { customerRefuseMissing, customerSignMissing, type TCustomerSignField } from "@/domain/work-orders/missing";
import { customerSignDecision } from "@/domain/work-orders/preconditions";
import { Rating } from "./rating";
import { Summary } from "./summary";
import { Unlock } from "./unlock";

const SignatureBox = dynamic(() => import("@/app/_ui/work-orders/signature-box").then((m) => m.SignatureBox), { ssr: false });

/** Keeps the phone on this screen: the back gesture stays here, a reload comes back here (customer mode is stored). */
function useStayHere(): void {
  useEffect(() => {
    const stay = () => history.pushState(null, "", location.href);
    stay();
    window.addEventListener("popstate", stay);
    return () => window.removeEventListener("popstate", stay);
  }, []);
}

export function CustomerScreen() {
  const hash = useHash();
  const t = useTranslations("customer");
  useStayHere();
  if (hash === null)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  return <CustomerTurn key={hash} id={hash} />;
}

function CustomerTurn({ id }: { id: string }) {
  const t = useTranslations("customer");
  const viewer = useViewer();
  const { store, pendingCount, lastSyncAt } = useSync();
  const server = useCustomerServer();
  // one snapshot: an order read before a pull and its outbox after it would flicker the form away (ADR 0044)
  const view = useReadCache(`customer:${id}`, (s, deviceId) => s.snapshot((r) => workOrderView(r, deviceId, id)));
  const [unlocking, setUnlocking] = useState(false);
  const tried = useRef<string | null>(null);

  // Being on this screen is customer mode: recorded on the phone (survives a reload or a closed app) ...
  useEffect(() => {
    if (!store || id === "") return;
    void (async () => {
      const s = await customerModeOf(store, viewer.id);
      // handed over for another order: that one, never a switch by URL
      if (s && s.workOrderId !== id) window.location.replace(`/customer#${encodeURIComponent(s.workOrderId)}`);
      else if (!s) await enterCustomerModeLocally(store, viewer.id, id);
    })();
  }, [store, viewer.id, id]);
  // ... and on the server once the lineman's own steps have been sent (the server takes only the customer's then)
  const v = view.data;
  const ready = v && v.status === "work_done" && v.selfCheck && !v.selfCheck.pending && pendingCount === 0;
  useEffect(() => {
    if (!store || !ready || tried.current === lastSyncAt) return;
    tried.current = lastSyncAt;
    void (async () => {
      const s = await customerModeOf(store, viewer.id);
      if (!s || s.serverEntered || s.workOrderId !== id) return;
      if (await server.enter(id)) await markServerEntered(store, viewer.id);
    })();
  }, [store, ready, lastSyncAt, id, viewer.id, server]);

  if (view.loading)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (!v) return <Unlock workOrderId={id} />;
  // the customer's turn is over (or not come): signing would no longer apply
  const done = customerSignDecision({ status: v.status, hasSelfCheck: v.selfCheck !== null }).kind !== "apply";
  return (
    <div className="stack customer-turn" data-testid="customer-turn" data-status={v.status}>
      {unlocking ? (
        <Unlock workOrderId={id} view={v} onCancel={() => setUnlocking(false)} />
      ) : done ? (
        <>
          <Finished view={v} />
          {/* the customer's turn is over: the lineman's take-back is on screen at once (no extra tap, ADR 0022) */}
          <Unlock workOrderId={id} view={v} />
        </>
      ) : (
        <SignForm view={v} />
      )}
      {!unlocking && !done && (
        <button type="button" className="btn secondary block lineman-back" onClick={() => setUnlocking(true)} data-testid="lineman-take-back">
          {t("takeBack")}
        </button>
      )}
    </div>
  );
}

/** After the customer's turn: thanks, and the lineman's unlock. */
function Finished({ view }: { view: WorkOrderView }) {
  const t = useTranslations("customer.done");
  const signed = view.customer?.kind === "customer_signed";
  return (
    <section className="card customer-done" data-testid="customer-done" data-kind={view.customer?.kind ?? "none"}>
      <p className="done-big">{view.customer ? (signed ? t("thanks") : t("refused")) : t("nothing")}</p>
      {view.customer && <p>{t("handBack")}</p>}
      {view.customer?.pending && <p className="muted small">{t("queued")}</p>}
    </section>
  );
}

/**
 * Brings the customer's next step on screen after a rating (ADR 0022): the other rating, or the signature with the
 * sign button under it (scrolled only as far as needed, so the button is at the bottom and the pad above it).
 */
function leadOn(form: HTMLElement | null, testId: string): void {
  requestAnimationFrame(() => form?.querySelector(`[data-testid="${testId}"]`)?.scrollIntoView({ block: "nearest" }));
}

function SignForm({ view }: { view: WorkOrderView }) {
  const t = useTranslations("customer");
  const viewer = useViewer();
  const q = useQueue();
  const pad = useRef<SignatureBoxHandle>(null);
  const [attitude, setAttitude] = useState<number | null>(null);
  const [onTime, setOnTime] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  // prefilled with the order's customer (editable: someone else may sign for them)
  const [signerName, setSignerName] = useState(view.workOrder.customerName ?? "");
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const [unsigned, setUnsigned] = useState(false);
  const [missing, setMissing] = useState<TCustomerSignField[]>([]);
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLElement>(null);
  // what is still missing now (the names update as the customer fills them in)
  const stillMissing = missing.filter((f) => customerSignMissing({ attitude, onTime, signerName, signed: !unsigned }).includes(f));

  const sign = async () => {
    setTried(true);
    const signature = pad.current?.export() ?? null;
    setUnsigned(signature === null);
    const now = customerSignMissing({ attitude, onTime, signerName, signed: signature !== null });
    setMissing(now);
    const first = now[0];
    if (first === "attitude" || first === "onTime") focusMissing(form.current?.querySelector(`[data-testid="rating-${first}"] [role="radio"]`));
    else if (first === "signerName") focusMissing(form.current?.querySelector('[data-testid="signer-name"]'));
    else if (first === "signature") pad.current?.focus();
    if (!q || attitude === null || onTime === null || signerName.trim() === "" || !signature) return;
    setBusy(true);
    setProblem(null);
    const r = await queueCustomerSign(q.ctx, view, {
      linemanName: viewer.displayName,
      signerName,
      ratings: { attitude, onTime },
      comment,
      signature: { mime: signature.mime, base64: signature.base64, strokes: signature.strokes },
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    q.kick();
  };

  const refuse = async () => {
    setTried(true);
    if (customerRefuseMissing({ reason }).length > 0) {
      focusMissing(form.current?.querySelector('[data-testid="refuse-reason"]'));
      return;
    }
    if (!q) return;
    setBusy(true);
    const r = await queueCustomerRefuse(q.ctx, view, { reason, signerName });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    q.kick();
  };

  return (
    <>
      <Summary view={view} linemanName={viewer.displayName} />
      {!refusing ? (
        <section className="card customer-sign" aria-labelledby="evaluate-title" ref={form}>
          <h2 id="evaluate-title">{t("evaluate")}</h2>
          <Rating
            name="attitude"
            label={t("rating.attitude")}
            value={attitude}
            onChange={(n) => {
              setAttitude(n);
              leadOn(form.current, onTime === null ? "rating-onTime" : "customer-sign");
            }}
            invalid={tried && attitude === null}
          />
          <Rating
            name="onTime"
            label={t("rating.onTime")}
            value={onTime}
            onChange={(n) => {
              setOnTime(n);
              leadOn(form.current, attitude === null ? "rating-attitude" : "customer-sign");
            }}
            invalid={tried && onTime === null}
          />
          <label className="field">
            <span>{t("comment")}</span>
            <textarea className="input" rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="customer-comment" />
          </label>
          <label className="field">
            <span>{t("signerName")}</span>
            <input
              className="input big-text"
              value={signerName}
              onChange={(e) => setSignerName(e.target.value)}
              autoComplete="name"
              aria-invalid={tried && signerName.trim() === ""}
              data-testid="signer-name"
            />
            {tried && signerName.trim() === "" && <p className="field-error">{t("nameRequired")}</p>}
          </label>
          <SignatureBox ref={pad} label={t("signHere")} testId="customer-signature" large invalid={unsigned} onStrokes={(n) => n > 0 && setUnsigned(false)} />
          {unsigned && <p className="field-error">{t("signFirst")}</p>}
          <CustomerMissing missing={stillMissing} />
          <ProblemText problem={problem} testId="customer-problem" />
          <button type="button" className="btn block big-action" onClick={() => void sign()} disabled={busy || !q} data-testid="customer-sign">
            {t("sign")}
          </button>
          <button
            type="button"
            className="btn secondary block"
            onClick={() => {
              setTried(false);
              setRefusing(true);
            }}
            disabled={busy}
            data-testid="customer-refuse-start"
          >
            {t("refuse.start")}
          </button>
        </section>
      ) : (
        <section className="card customer-refuse" aria-labelledby="refuse-title" data-testid="refuse-form" ref={form}>
          <h2 id="refuse-title">{t("refuse.title")}</h2>
          <label className="field">
            <span>{t("refuse.reason")}</span>
            <textarea
              className="input"
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={tried && reason.trim() === ""}
              data-testid="refuse-reason"
            />
            {tried && reason.trim() === "" && <p className="field-error">{t("refuse.reasonRequired")}</p>}
          </label>
          <label className="field">
            <span>{t("refuse.name")}</span>
            <input className="input" value={signerName} onChange={(e) => setSignerName(e.target.value)} data-testid="refuse-name" />
          </label>
          <ProblemText problem={problem} testId="customer-problem" />
          <button type="button" className="btn danger block big-action" onClick={() => void refuse()} disabled={busy || !q} data-testid="customer-refuse">
            {t("refuse.confirm")}
          </button>
          <button type="button" className="btn secondary block" onClick={() => setRefusing(false)} disabled={busy}>
            {t("refuse.back")}
          </button>
        </section>
      )}
    </>
  );
}

/** What the customer still has to give before signing, in words (the ratings by name, the name, the signature). */
function CustomerMissing({ missing }: { missing: TCustomerSignField[] }) {
  const t = useTranslations("customer");
  if (missing.length === 0) return null;
  const ratings = missing.filter((f): f is "attitude" | "onTime" => f === "attitude" || f === "onTime");
  return (
    <div className="alert" data-tone="bad" role="alert" data-testid="customer-missing" data-missing={missing.join(" ")}>
      {ratings.length > 0 && <p>{t("rateFirst", { items: ratings.map((r) => t(`rating.${r}`)).join(t("listSeparator")) })}</p>}
      {missing.includes("signerName") && <p>{t("nameRequired")}</p>}
      {missing.includes("signature") && <p>{t("signFirst")}</p>}
    </div>
  );
}
