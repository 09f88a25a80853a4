"use client";
import Link from "next/link";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { errorCode } from "@/client/trpc";

interface THeld {
  assetTag: string;
  name: string;
  dueOn: string | null;
}

/**
 * Procedure 4: a person who transfers (or is disabled) must first return every instrument or hand it over to a
 * named colleague (both sign on their phones). When the server refuses with `holds_instruments`, this lists what
 * the person still holds, each linked to its register entry.
 */
export function HoldingsNotice({ error }: { error: unknown }) {
  const t = useTranslations("instrumentsUi.holdings");
  if (!error || errorCode(error) !== "holds_instruments" || !(error instanceof TRPCClientError)) return null;
  const details = (error.data as { details?: { instruments?: THeld[] } | null } | undefined)?.details;
  const held = details?.instruments ?? [];
  return (
    <div className="alert" data-tone="info" role="alert" data-testid="holds-instruments">
      <p>{t("intro", { count: held.length })}</p>
      <ul className="list" style={{ marginTop: 8 }}>
        {held.map((h) => (
          <li key={h.assetTag} data-tag={h.assetTag}>
            <Link href={`/instruments/register#${encodeURIComponent(h.assetTag)}`}>
              <strong>{h.name}</strong> <span className="mono small">{h.assetTag}</span>
            </Link>
            {h.dueOn && <div className="small">{t("due", { date: h.dueOn })}</div>}
          </li>
        ))}
      </ul>
      <p className="small">{t("how")}</p>
    </div>
  );
}
