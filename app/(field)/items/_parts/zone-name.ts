import type { CachedZone } from "@/client/items/stores";

/** "退货区 WH1-Q-RET" style names in the user's language; an unknown code is shown as it is. */
export function zoneNamer(zones: readonly CachedZone[], locale: string): (code: string | null | undefined) => string {
  const byCode = new Map(zones.map((z) => [z.code, z]));
  return (code) => {
    if (!code) return "";
    const z = byCode.get(code);
    return z ? (locale === "en" ? z.nameEn : z.nameZh) : code;
  };
}
