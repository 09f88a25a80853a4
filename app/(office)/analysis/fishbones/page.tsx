import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { formatOperatorDateTime } from "@/domain/time/operator";
import { requireUser } from "@/server/auth/current-user";
import { orNull, serverCaller } from "./_parts/caller";

/**
 * The fishbone worksheets (鱼刺图): code, problem, the corrective action they belong to, last change. Quality starts
 * one; the analysis readers open them. Printed on the server (a list, no client code).
 */
export default async function FishbonesPage() {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const t = await getTranslations("analysisReports");
  const locale = await getLocale();
  const list = await orNull((await serverCaller()).analysis.fishbones({}));
  const rows = list?.rows ?? [];
  return (
    <div className="stack" data-testid="analysis-fishbones">
      <Link href="/analysis" className="back-link" data-testid="back-to-analysis">
        ← {t("back")}
      </Link>
      <h1 style={{ margin: 0 }}>{t("fishbones.title")}</h1>
      <p className="subtitle">{t("fishbones.subtitle")}</p>
      {user.role === "quality" && (
        <Link href="/analysis/fishbones/new" className="btn block" style={{ minHeight: 56, fontSize: "1.1rem" }} data-testid="fishbone-new">
          + {t("fishbones.new")}
        </Link>
      )}
      {rows.length === 0 ? (
        <p className="empty">{t("fishbones.empty")}</p>
      ) : (
        <ul className="list" aria-label={t("fishbones.list")} data-testid="fishbone-list">
          {rows.map((f) => (
            <li key={f.id} className="link-card" data-testid={`fishbone-${f.code}`}>
              <Link href={`/analysis/fishbones/${f.id}`}>
                <div className="title-row" style={{ flexWrap: "wrap", gap: 8 }}>
                  <span className="mono" style={{ fontWeight: 700 }}>
                    {f.code}
                  </span>
                  {f.actionCode && (
                    <span className="badge" data-tone="info" data-testid="fishbone-action-code">
                      {t("fishbones.action")} {f.actionCode}
                    </span>
                  )}
                </div>
                <strong style={{ display: "block", fontSize: "1.05rem", margin: "4px 0" }}>{f.problem}</strong>
                <div className="muted small">
                  {t("fishbones.updated")} {formatOperatorDateTime(f.updatedAt, locale)}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
