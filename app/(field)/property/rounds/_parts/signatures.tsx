"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useWhen } from "@/app/_ui/use-when";
import { SignatureBox, type SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { photoUrl, type DraftSignature, type TRoundFacts, type TSignBlocker } from "@/client/property/round";

type TInspector = TRoundFacts["inspectors"][number];

/**
 * "Signatures": each inspector named on the round signs on this phone (as each department present signs the paper
 * form), once every item has its result. A signature is kept in the draft after each stroke; a kept one shows as
 * drawn, with "Sign again". `generation` changes when a result changed after signing (the pads start empty again).
 */
export function Signatures({
  inspectors,
  signatures,
  blocker,
  clauseOf,
  unsigned,
  generation,
  onSign,
}: {
  inspectors: TRoundFacts["inspectors"];
  signatures: Record<string, DraftSignature>;
  blocker: TSignBlocker | null;
  clauseOf: (itemId: string) => string;
  unsigned: boolean;
  generation: number;
  onSign: (userId: string, signature: DraftSignature | null) => void;
}) {
  const t = useTranslations("propertyPhone.sign");
  return (
    <section className="card stack" data-testid="round-signatures" aria-labelledby="round-signatures-title" style={{ padding: "12px 14px" }}>
      <h2 id="round-signatures-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <p className="muted small">{t("help")}</p>
      {unsigned && (
        <p className="alert" data-tone="warn" role="status" data-testid="round-unsigned">
          {t("unsigned")}
        </p>
      )}
      {blocker ? (
        <p className="alert" data-tone="info" data-testid="round-sign-blocked">
          {blocker.kind === "results" ? t("blocked.results", { left: blocker.left }) : t("blocked.failNote", { clause: clauseOf(blocker.itemId) })}
        </p>
      ) : (
        inspectors.map((i) => <InspectorSign key={`${i.userId}:${generation}`} inspector={i} saved={signatures[i.userId] ?? null} onSign={onSign} />)
      )}
    </section>
  );
}

function InspectorSign({
  inspector,
  saved,
  onSign,
}: {
  inspector: TInspector;
  saved: DraftSignature | null;
  onSign: (userId: string, signature: DraftSignature | null) => void;
}) {
  const t = useTranslations("propertyPhone.sign");
  const td = useTranslations("departments");
  const when = useWhen();
  const pad = useRef<SignatureBoxHandle>(null);
  // a signature kept from before shows as drawn; a new one is drawn on the pad (kept after each stroke)
  const [drawing, setDrawing] = useState(saved === null);
  const who = t("who", { name: inspector.name, department: inspector.department ? td(inspector.department) : t("noDepartment") });
  const onStrokes = (n: number) => {
    const s = n > 0 ? pad.current?.export() : null;
    onSign(inspector.userId, s ? { mime: s.mime, base64: s.base64, strokes: s.strokes, sha256: s.sha256, signedAt: new Date().toISOString() } : null);
  };
  return (
    <div data-testid="round-inspector" data-user={inspector.userId} data-signed={saved !== null} style={{ borderTop: "1px solid var(--line)", paddingTop: 10 }}>
      {drawing ? (
        <SignatureBox ref={pad} label={t("pad", { who })} testId={`round-sign-${inspector.userId}`} onStrokes={onStrokes} />
      ) : (
        saved && (
          <div className="stack">
            <p style={{ margin: 0, fontWeight: 800 }}>{who}</p>
            <img
              src={photoUrl(saved)}
              alt={t("image", { name: inspector.name })}
              style={{ width: "100%", maxHeight: 160, objectFit: "contain", border: "1px solid var(--line)", borderRadius: 10, background: "#fff" }}
            />
            <div className="row">
              <span className="grow muted small">{t("signed", { time: when(saved.signedAt) })}</span>
              <button
                type="button"
                className="btn secondary"
                onClick={() => {
                  onSign(inspector.userId, null);
                  setDrawing(true);
                }}
                data-testid="round-sign-again"
              >
                {t("again")}
              </button>
            </div>
          </div>
        )
      )}
    </div>
  );
}
