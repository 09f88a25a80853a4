"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { CodeField } from "@/app/_ui/code-field";
import { INSTRUMENT_TAG_PATTERN, normalizeTag } from "@/domain/items/tags";

/** Without a camera or with a worn tag: type the asset tag printed on the instrument and open it. */
export function FindInstrument({ initial = "" }: { initial?: string }) {
  const t = useTranslations("instrumentsUi");
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const tag = normalizeTag(value);
    if (!INSTRUMENT_TAG_PATTERN.test(tag)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    // a hash change on this page: no server round trip, works offline
    window.location.hash = tag;
  };
  return (
    <form className="card" onSubmit={onSubmit} noValidate data-testid="find-instrument">
      <h2 style={{ marginTop: 0 }}>{t("find.title")}</h2>
      <CodeField
        label={t("find.label")}
        help={t("find.help")}
        name="assetTag"
        value={value}
        onChange={setValue}
        error={invalid ? t("find.invalid") : null}
        testId="instrument-tag-input"
        placeholder="IN-000301"
      />
      <button type="submit" className="btn block" data-testid="instrument-tag-open">
        {t("find.open")}
      </button>
    </form>
  );
}
