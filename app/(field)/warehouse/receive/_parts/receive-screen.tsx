"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { receiptView } from "@/client/warehouse/read-model";
import { ReceiptCard } from "./receipt-card";
import { ReceiptList } from "./receipt-list";
import { ReceiveForm } from "./receive-form";

/** What the address asks for: the form (no hash), the list (`#list`), or one receipt (`#saved=<id>` after a save, `#<id>`). */
function route(
  hash: string | null,
): { kind: "loading" } | { kind: "form" } | { kind: "list" } | { kind: "receipt"; id: string; saved: boolean; again: boolean } {
  if (hash === null) return { kind: "loading" };
  if (hash === "") return { kind: "form" };
  if (hash === "list") return { kind: "list" };
  const p = new URLSearchParams(hash);
  const saved = p.get("saved");
  if (saved) return { kind: "receipt", id: saved, saved: true, again: p.get("again") === "1" };
  return /^[0-9a-f-]{36}$/i.test(hash) ? { kind: "receipt", id: hash, saved: false, again: false } : { kind: "form" };
}

function SavedReceipt({ id, saved, again }: { id: string; saved: boolean; again: boolean }) {
  const t = useTranslations("warehousePhone");
  const td = useTranslations("departments");
  const view = useReadCache(`wh-receipt:${id}`, (s, d) => receiptView(s, d, id));
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) banner.current?.focus();
  }, [saved, id]);
  const r = view.data;
  if (!r) return view.loading ? <p className="muted">{t("list.loading")}</p> : <p className="alert">{t("label.notFound")}</p>;
  return (
    <div className="stack">
      {saved && (
        <div
          ref={banner}
          tabIndex={-1}
          className="alert"
          data-tone={r.refused !== null ? "bad" : "ok"}
          role="status"
          data-testid="receipt-saved"
          data-queued={r.queued}
        >
          <strong>{r.queued ? t("saved.title") : r.code ? t("saved.sent", { code: r.code, department: td(r.department) }) : t("saved.refused")}</strong>
          {again && (
            <>
              <br />
              {t("saved.again")}
            </>
          )}
        </div>
      )}
      <ReceiptCard r={r} />
    </div>
  );
}

/** /warehouse/receive: receive a delivery; after saving, the receipt with its tags; the recent receipts below. */
export function ReceiveScreen() {
  const t = useTranslations("warehousePhone.receive");
  const at = route(useHash());
  // each new delivery gets a fresh form (and a fresh id at its first save)
  const [formKey, setFormKey] = useState(0);
  const go = (hash: string) => {
    window.location.hash = hash;
    window.scrollTo(0, 0);
  };
  if (at.kind === "loading") return null;
  return (
    <div className="stack" data-testid="receive-screen" data-view={at.kind}>
      {at.kind === "form" ? (
        <>
          <a className="btn secondary block" href="#list" data-testid="receive-to-list">
            {t("toList")}
          </a>
          <ReceiveForm key={formKey} onSaved={(id, again) => go(`saved=${id}${again ? "&again=1" : ""}`)} />
        </>
      ) : (
        <>
          <button
            type="button"
            className="btn block"
            onClick={() => {
              setFormKey((k) => k + 1);
              history.pushState(null, "", window.location.pathname);
              window.dispatchEvent(new HashChangeEvent("hashchange"));
              window.scrollTo(0, 0);
            }}
            data-testid="receive-new"
          >
            {t("newReceipt")}
          </button>
          {at.kind === "receipt" && <SavedReceipt id={at.id} saved={at.saved} again={at.again} />}
          <ReceiptList href={(id) => `#${id}`} />
        </>
      )}
    </div>
  );
}
