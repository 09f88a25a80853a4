"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { itemTone, StatusBadge } from "@/app/_ui/status-badge";
import { useViewer } from "@/app/_ui/viewer";
import type { ItemView } from "@/client/items/read-model";
import { allowedTargets, mayChangeLabel, type TItemStatus } from "@/domain/items/labels";
import { ChangeForm } from "./change-form";
import type { CachedZone } from "@/client/items/stores";

/** The labels this user may put on the item next, as big buttons; a tap opens the change form. */
export function LabelActions({
  view,
  zones,
  zoneName,
  onSaved,
  onStart,
}: {
  view: ItemView;
  zones: CachedZone[];
  zoneName: (code: string | null) => string;
  onSaved: () => void;
  onStart: () => void;
}) {
  const t = useTranslations("items");
  const { role } = useViewer();
  const [target, setTarget] = useState<TItemStatus | null>(null);
  const { item, predicted } = view;
  if (!mayChangeLabel(role, item.kind)) {
    return (
      <p className="empty" data-testid="not-your-kind">
        {t("notYourKind")}
      </p>
    );
  }
  const targets = allowedTargets(item.kind, predicted.status);
  if (targets.length === 0)
    return (
      <p className="empty" data-testid="no-targets">
        {t("noTargets")}
      </p>
    );
  if (target && targets.includes(target)) {
    return (
      <ChangeForm
        view={view}
        to={target}
        zones={zones}
        zoneName={zoneName}
        onCancel={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          onSaved();
        }}
      />
    );
  }
  return (
    <section aria-labelledby="change-to">
      <h2 id="change-to">{t("changeTo")}</h2>
      <div className="targets">
        {targets.map((to) => (
          <button
            key={to}
            type="button"
            className="target"
            data-tone={itemTone(to)}
            data-testid={`target-${to}`}
            onClick={() => {
              onStart();
              setTarget(to);
            }}
          >
            <StatusBadge kind="item" status={to} />
            <Icon name="chevron" size={26} />
          </button>
        ))}
      </div>
    </section>
  );
}
