"use client";
import { useLocale, useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { zoneBoard } from "@/client/items/read-model";
import { walkKeyString } from "@/client/quality/walk";
import { loadSubmittedWalk, loadWalk } from "@/client/quality/walk-store";
import { useZoneName } from "@/app/(field)/items/_parts/use-zone-name";

/**
 * The checker's list, from the phone's copy: the checks planned for them (with a walk in progress, if any), then the
 * zones to start an unplanned check in. Work-order checks are marked at the office, not here.
 */
export function CheckList() {
  const t = useTranslations("qualityPhone");
  const td = useTranslations("departments");
  const locale = useLocale();
  const zoneName = useZoneName();
  const data = useReadCache("quality-checks", async (store, deviceId) => {
    const [checks, board] = await Promise.all([store.getAll("spotChecks"), zoneBoard(store, deviceId)]);
    const planned = checks
      .filter((c) => c.status === "planned" && c.target !== "work_orders")
      .sort((a, b) => (a.plannedFor ?? "").localeCompare(b.plannedFor ?? "") || a.code.localeCompare(b.code));
    const [plannedDrafts, plannedSubmitted, zoneDrafts] = await Promise.all([
      Promise.all(planned.map((c) => loadWalk(store, deviceId, c.id))),
      Promise.all(planned.map((c) => loadSubmittedWalk(store, deviceId, c.id))),
      Promise.all(board.zones.map((z) => loadWalk(store, deviceId, walkKeyString({ planned: false, zoneCode: z.code })))),
    ]);
    return { planned, plannedDrafts, plannedSubmitted, board, zoneDrafts };
  });
  if (data.loading || !data.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const { planned, plannedDrafts, plannedSubmitted, board, zoneDrafts } = data.data;
  return (
    <div data-testid="quality-checks">
      <h1>{t("title")}</h1>
      <h2>{t("list.plannedTitle")}</h2>
      {planned.length === 0 ? (
        <p className="empty" data-testid="quality-no-planned">
          {t("list.plannedEmpty")}
        </p>
      ) : (
        <ul className="list" data-testid="quality-planned">
          {planned.map((c, i) => {
            const draft = plannedDrafts[i];
            const submitted = plannedSubmitted[i];
            return (
              <li key={c.id} className="link-card">
                <HashLink path="/quality/check" hash={c.id} data-testid={`quality-check-${c.code}`}>
                  <div className="title-row">
                    <strong className="grow mono">{c.code}</strong>
                    <Icon name="chevron" size={22} />
                  </div>
                  <p style={{ margin: "2px 0", fontWeight: 700 }}>
                    {c.zoneCode
                      ? t("list.zone", { zone: t("walk.where", { zone: zoneName(c.zoneCode), code: c.zoneCode }) })
                      : c.department
                        ? t("list.department", { department: td(c.department) })
                        : ""}
                  </p>
                  {c.plannedFor && <p className="muted small">{t("list.plannedFor", { day: c.plannedFor })}</p>}
                  {(draft || submitted) && (
                    <p className="row" style={{ marginTop: 6 }}>
                      <span className="badge" data-tone={submitted ? "ok" : "warn"}>
                        {submitted ? t("list.submitted") : t("list.inProgress", { count: draft?.marks.length ?? 0 })}
                      </span>
                    </p>
                  )}
                </HashLink>
              </li>
            );
          })}
        </ul>
      )}
      <h2>{t("list.unplannedTitle")}</h2>
      <p className="subtitle">{t("list.unplannedHelp")}</p>
      {board.zones.length === 0 ? (
        <p className="empty">{t("list.noZones")}</p>
      ) : (
        <ul className="list" data-testid="quality-zones">
          {board.zones.map((z, i) => {
            const draft = zoneDrafts[i];
            return (
              <li key={z.code} className="link-card">
                <HashLink path="/quality/check" hash={z.code} data-testid={`quality-zone-${z.code}`}>
                  <div className="title-row">
                    <strong className="grow">{locale === "en" ? z.nameEn : z.nameZh}</strong>
                    <Icon name="chevron" size={22} />
                  </div>
                  <div className="row muted small">
                    <span className="mono">{z.code}</span>
                    <span>·</span>
                    <span>{t("list.zoneItems", { count: board.byZone.get(z.code)?.length ?? 0 })}</span>
                  </div>
                  {draft && (
                    <p className="row" style={{ marginTop: 6 }}>
                      <span className="badge" data-tone="warn">
                        {t("list.inProgress", { count: draft.marks.length })}
                      </span>
                    </p>
                  )}
                </HashLink>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
