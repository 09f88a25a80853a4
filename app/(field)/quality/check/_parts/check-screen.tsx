"use client";
import { useTranslations } from "next-intl";
import { useHash } from "@/app/_ui/use-hash";
import { walkKeyOf, walkKeyString } from "@/client/quality/walk";
import { CheckList } from "./check-list";
import { WalkView } from "./walk-view";

/** `/quality/check#<check id | zone>`: that walk; without a hash, my checks and the zones to start one in. */
export function CheckScreen() {
  const t = useTranslations("qualityPhone");
  const hash = useHash();
  if (hash === null)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const key = walkKeyOf(hash);
  return key ? <WalkView key={walkKeyString(key)} walkKey={key} /> : <CheckList />;
}
