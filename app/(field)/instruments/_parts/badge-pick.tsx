"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ScanField } from "@/app/(field)/warehouse/receive/_parts/scan-field";
import type { TColleague } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import { borrowerFromBadge } from "@/domain/instruments/borrower-badge";
import { normalizeTypedCode } from "@/domain/items/tags";
import { classifyScan } from "@/domain/scan/classify";

/**
 * The custodian scans the borrower's badge (工牌码, shown on the borrower's phone under Me, or printed) with the app's
 * scanner, or types its code: the person is chosen from the colleague list this phone keeps (works offline) when they
 * may hold this instrument (domain borrowerFromBadge); otherwise it says why and the camera stays open.
 */
export function BadgePick({
  view,
  colleagues,
  selected,
  onPick,
}: {
  view: InstrumentView;
  colleagues: { list: TColleague[]; loading: boolean };
  selected: TColleague | null;
  onPick: (person: TColleague) => void;
}) {
  const t = useTranslations("instrumentsUi.issue.badge");
  const ts = useTranslations("scan");
  const tr = useTranslations();
  const [picked, setPicked] = useState<TColleague | null>(null);

  const onCode = (code: string, source: "camera" | "typed"): string | null => {
    // a scan is taken as read; a typed code is normalised (a badge's username keeps its `_`, its case is folded)
    const pick = borrowerFromBadge(classifyScan(source === "typed" ? normalizeTypedCode(code) : code), colleagues.list, view.row);
    if (pick.ok) {
      setPicked(pick.person);
      onPick(pick.person);
      return null;
    }
    setPicked(null);
    switch (pick.why) {
      case "not_badge":
        return pick.reason ? t("unreadable", { reason: ts(`reason.${pick.reason}`) }) : t("notBadge", { kind: ts(`kind.${pick.kind}`) });
      case "unknown_person":
        return colleagues.list.length === 0 && !colleagues.loading ? t("listMissing") : t("unknownPerson", { username: pick.username });
      case "may_not_hold":
        return pick.rule === "wrong_department"
          ? t("wrongDepartment", { name: pick.person.displayName, department: tr(`departments.${pick.department ?? view.row.department}`) })
          : t("notAllowed", { name: pick.person.displayName });
    }
  };

  return (
    <div className="badge-pick" data-testid="issue-badge-pick">
      <ScanField label={t("label")} help={t("help")} testId="issue-badge" openLabel={t("scan")} big onCode={onCode} />
      {picked && selected?.id === picked.id && (
        <p className="alert" data-tone="ok" role="status" data-testid="issue-badge-picked" data-username={picked.username}>
          {t("picked", { name: picked.displayName, username: picked.username })}
        </p>
      )}
    </div>
  );
}
