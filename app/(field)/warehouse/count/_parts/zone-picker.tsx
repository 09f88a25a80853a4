"use client";
import { useLocale, useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { zoneBoard } from "@/client/items/read-model";
import { loadDraft } from "@/client/warehouse/count-store";

/** The zones to count, each with the items the phone's copy puts there and a count in progress, if any. */
export function ZonePicker() {
  const t = useTranslations("warehouseCount");
  const tz = useTranslations("zoneKind");
  const locale = useLocale();
  const data = useReadCache("count-zones", async (store, deviceId) => {
    const board = await zoneBoard(store, deviceId);
    const drafts = await Promise.all(board.zones.map((z) => loadDraft(store, deviceId, z.code)));
    return { board, drafts };
  });
  if (data.loading || !data.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const { board, drafts } = data.data;
  return (
    <div data-testid="count-zones">
      <h1>{t("pickTitle")}</h1>
      <p className="subtitle">{t("pickSubtitle")}</p>
      {board.zones.length === 0 ? (
        <p className="empty">{t("noZones")}</p>
      ) : (
        <ul className="list">
          {board.zones.map((z, i) => {
            const draft = drafts[i];
            return (
              <li key={z.code} className="link-card">
                <HashLink path="/warehouse/count" hash={z.code} data-testid={`count-zone-${z.code}`}>
                  <div className="title-row">
                    <strong className="grow">{locale === "en" ? z.nameEn : z.nameZh}</strong>
                    <Icon name="chevron" size={22} />
                  </div>
                  <div className="row muted small">
                    <span className="mono">{z.code}</span>
                    <span>·</span>
                    <span>{tz(z.kind)}</span>
                    <span>·</span>
                    <span>{t("zoneItems", { count: board.byZone.get(z.code)?.length ?? 0 })}</span>
                  </div>
                  {draft && (
                    <p className="row" style={{ marginTop: 6 }}>
                      <span className="badge" data-tone="warn" data-testid={`count-draft-${z.code}`}>
                        {t("inProgress", { count: draft.scans.length })}
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
