"use client";
import { useLocale } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { zoneNamer } from "./zone-name";

/** Zone names in the user's language from the phone's copy ("退货区" / "Returned (quarantine)"); a code it lacks as is. */
export function useZoneName(): (code: string | null | undefined) => string {
  const locale = useLocale();
  const zones = useReadCache("zones", (store) => store.getAll("zones"));
  return zoneNamer(zones.data ?? [], locale);
}
