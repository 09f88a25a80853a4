"use client";
import Link from "next/link";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { errorCode } from "@/client/trpc";

interface THeld {
  assetTag: string;
  name: string;
  dueOn?: string | null;
}

function detailsOf(error: unknown): { instruments?: THeld[]; kept?: THeld[]; rule?: string } {
  if (!(error instanceof TRPCClientError)) return {};
  return (error.data as { details?: { instruments?: THeld[]; kept?: THeld[]; rule?: string } | null } | undefined)?.details ?? {};
}

/**
 * Procedure 4: a person who transfers (or is disabled) must first return every instrument or hand it over at
 * Technology Development (the custodian confirms both), and a named keeper (专人) waits until another keeper is named
 * for what they keep. When the server refuses with `holds_instruments` or the rule `keeper_required`, this lists the
 * instruments, each linked to its register entry.
 */
export function HoldingsNotice({ error }: { error: unknown }) {
  const t = useTranslations("instrumentsUi.holdings");
  const code = errorCode(error);
  const details = detailsOf(error);
  const keeper = code === "rule_violation" && details.rule === "keeper_required";
  if (!error || (code !== "holds_instruments" && !keeper)) return null;
  const list = (keeper ? details.kept : details.instruments) ?? [];
  return (
    <div className="alert" data-tone="info" role="alert" data-testid={keeper ? "keeps-instruments" : "holds-instruments"}>
      <p>{keeper ? t("keeperIntro", { count: list.length }) : t("intro", { count: list.length })}</p>
      <ul className="list" style={{ marginTop: 8 }}>
        {list.map((h) => (
          <li key={h.assetTag} data-tag={h.assetTag}>
            <Link href={`/instruments/register#${encodeURIComponent(h.assetTag)}`}>
              <strong>{h.name}</strong> <span className="mono small">{h.assetTag}</span>
            </Link>
            {h.dueOn && <div className="small">{t("due", { date: h.dueOn })}</div>}
          </li>
        ))}
      </ul>
      <p className="small">{keeper ? t("keeperHow") : t("how")}</p>
    </div>
  );
}
