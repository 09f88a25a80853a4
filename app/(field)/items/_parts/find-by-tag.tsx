"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { isItemTag, normalizeTag } from "@/domain/items/tags";
import { CodeField } from "@/app/_ui/code-field";

/** Without a tag in the URL: type the tag printed on the item (worn labels, no camera) and open it. */
export function FindByTag({ initial = "", secondary = false }: { initial?: string; /** Below the search: a smaller heading. */ secondary?: boolean }) {
  const t = useTranslations("items");
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const tag = normalizeTag(value);
    if (!isItemTag(tag)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    // a hash change on this page: no server round trip, works offline
    window.location.hash = tag;
  };
  return (
    <form className="card" onSubmit={onSubmit} noValidate data-testid="find-by-tag">
      {secondary ? <h2>{t("findTitle")}</h2> : <h1>{t("findTitle")}</h1>}
      <CodeField
        label={t("tagLabel")}
        help={t("tagHelp")}
        name="tag"
        value={value}
        onChange={setValue}
        error={invalid ? t("tagInvalid") : null}
        testId="tag-input"
        placeholder="ST-000101"
      />
      <button type="submit" className="btn block" data-testid="tag-open">
        {t("open")}
      </button>
    </form>
  );
}
