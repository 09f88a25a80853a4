"use client";
import { useTranslations } from "next-intl";

/**
 * The manual and accessories (说明书, 附件) checked item by item at issue and return: every item on the register is
 * ticked as present unless the custodian unticks it. Big rows for the thumb; what is not ticked is recorded missing.
 */
export function ChecklistField({
  items,
  missing,
  onChange,
  wentOutMissing = [],
}: {
  items: readonly string[];
  missing: readonly string[];
  onChange: (missing: string[]) => void;
  /** Items that went out missing (at issue): marked so, not blamed on this return. */
  wentOutMissing?: readonly string[];
}) {
  const t = useTranslations("instrumentsUi.check");
  if (items.length === 0)
    return (
      <p className="muted" data-testid="checklist-empty">
        {t("none")}
      </p>
    );
  const toggle = (item: string, present: boolean) =>
    onChange(present ? missing.filter((m) => m !== item) : items.filter((i) => i === item || missing.includes(i)));
  return (
    <fieldset className="choices" data-testid="checklist">
      <legend>{t("legend")}</legend>
      <p className="help">{t("help")}</p>
      {items.map((item, n) => (
        <label key={item} className="choice" data-testid={`check-item-${n}`} data-missing={missing.includes(item)}>
          <input type="checkbox" checked={!missing.includes(item)} onChange={(e) => toggle(item, e.target.checked)} />
          <span className="grow">{item}</span>
          {wentOutMissing.includes(item) && (
            <span className="badge small" data-tone="warn">
              {t("wentOutMissing")}
            </span>
          )}
          {missing.includes(item) && (
            <span className="badge small" data-tone="bad">
              {t("missing")}
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
