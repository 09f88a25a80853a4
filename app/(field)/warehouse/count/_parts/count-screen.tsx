"use client";
import { useTranslations } from "next-intl";
import { useHash } from "@/app/_ui/use-hash";
import { ZoneCountView } from "./zone-count";
import { ZonePicker } from "./zone-picker";

/** `/warehouse/count#<zone>`: the count of that zone; without a zone, the zones to pick from. */
export function CountScreen() {
  const t = useTranslations("warehouseCount");
  const hash = useHash();
  if (hash === null)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const code = hash.trim().toUpperCase();
  return code ? <ZoneCountView key={code} code={code} /> : <ZonePicker />;
}
