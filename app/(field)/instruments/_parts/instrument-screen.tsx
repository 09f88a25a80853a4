"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useHash } from "@/app/_ui/use-hash";
import { normalizeTag } from "@/domain/items/tags";
import { MyInstruments } from "./my-instruments";

/**
 * An instrument's screen is its own chunk, fetched when the address names a tag (the service worker precaches every
 * chunk, so it opens offline too): the lineman's own list does not carry it. Nothing of either is rendered on the
 * server (the hash is the phone's), so nothing is hydrated late.
 */
const InstrumentDetail = dynamic(() => import("./instrument-detail").then((m) => m.InstrumentDetail), { ssr: false, loading: Loading });

function Loading() {
  const t = useTranslations("instrumentsUi");
  return (
    <p className="muted" aria-busy="true">
      {t("loading")}
    </p>
  );
}

export function InstrumentScreen() {
  const hash = useHash();
  if (hash === null) return <Loading />;
  const tag = normalizeTag(hash);
  if (!tag) return <MyInstruments />;
  return <InstrumentDetail key={tag} tag={tag} />;
}
