"use client";
import { useTranslations } from "next-intl";
import { useHash } from "@/app/_ui/use-hash";
import { roundIdOf } from "@/client/property/round";
import { RoundList } from "./round-list";
import { RoundView } from "./round-view";

/** `/property/rounds#<round id>`: that round; without a hash, my rounds. */
export function RoundsScreen() {
  const t = useTranslations("propertyPhone");
  const hash = useHash();
  if (hash === null)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const id = roundIdOf(hash);
  return id ? <RoundView key={id} roundId={id} /> : <RoundList />;
}
