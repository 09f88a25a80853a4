"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useSync } from "@/client/sync/provider";

// under the instruments' personal prefix (client/instruments/stores.ts): dropped at logout with that domain's cache; the
// badge is there for instrument custody
const KEY = "instruments:myBadge";

type TKept = { code: string; svg: string };
type TState = { kind: "loading" } | { kind: "shown"; svg: string } | { kind: "offline" };

/**
 * The signed-in person's badge (工牌码, ADR 0040), large enough for the custodian's camera to read off this screen:
 * the QR code from GET /api/users/me/badge.svg with the code under it, and a link to print it. The image is kept in
 * this phone's local cache (dropped at logout with the rest of it), so it shows with no signal at the desk.
 */
export function MyBadge({ code }: { code: string | null }) {
  const t = useTranslations("me.badge");
  const { store } = useSync();
  const [state, setState] = useState<TState>({ kind: "loading" });

  useEffect(() => {
    if (code === null) return;
    let cancelled = false;
    const kept = async (): Promise<string | null> => {
      const v = await store?.getMeta<TKept>(KEY);
      return v && v.code === code ? v.svg : null;
    };
    void (async () => {
      let svg: string | null = null;
      try {
        const res = await fetch("/api/users/me/badge.svg", { credentials: "same-origin", cache: "no-store" });
        const type = res.headers.get("content-type") ?? "";
        if (res.ok && type.startsWith("image/svg+xml")) svg = await res.text();
      } catch {
        // no signal: the copy kept on this phone, if any
      }
      if (svg !== null) await store?.setMeta(KEY, { code, svg } satisfies TKept);
      else svg = await kept();
      if (!cancelled) setState(svg === null ? { kind: "offline" } : { kind: "shown", svg });
    })();
    return () => {
      cancelled = true;
    };
  }, [code, store]);

  return (
    <section className="card" data-testid="my-badge" data-state={code === null ? "none" : state.kind} aria-labelledby="my-badge-title">
      <h2 id="my-badge-title" style={{ marginTop: 0 }}>
        {t("title")}
      </h2>
      {code === null ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <>
          <p className="muted small">{t("help")}</p>
          <div style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: 8, margin: "12px 0" }}>
            {state.kind === "shown" ? (
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(state.svg)}`}
                alt={t("alt", { code })}
                width={240}
                height={240}
                style={{ width: "min(70vw, 280px)", height: "auto", background: "#fff", padding: 8, borderRadius: 8 }}
                data-testid="my-badge-image"
              />
            ) : state.kind === "offline" ? (
              <p className="alert" data-tone="info" role="status">
                {t("offline")}
              </p>
            ) : null}
            <p className="mono" style={{ fontSize: "1.25rem", fontWeight: 800, margin: 0 }} data-testid="my-badge-code">
              {code}
            </p>
          </div>
          <a className="btn secondary block" href="/api/users/me/badge.pdf" target="_blank" rel="noreferrer" data-testid="my-badge-pdf">
            {t("print")}
          </a>
        </>
      )}
    </section>
  );
}
