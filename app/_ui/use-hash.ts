"use client";
import { useEffect, useState } from "react";

/**
 * The URL's hash, decoded, without "#": the one page of /items and /zones serves every tag this way, so a
 * page cached once opens offline for any item. Null until read on the client.
 *
 * A raw "#" inside the hash never comes from our links (HashLink encodes it as %23): an address like
 * `/work-orders#<old>#<new>` was made by the router bug scripts/patch-next.mjs fixes and may still sit in a
 * phone's history. It means the last one: that is shown, and the address repaired.
 */
export function useHash(): string | null {
  const [hash, setHash] = useState<string | null>(null);
  useEffect(() => {
    const read = () => {
      let raw = window.location.hash.slice(1);
      if (raw.includes("#")) {
        raw = raw.slice(raw.lastIndexOf("#") + 1);
        const { pathname, search } = window.location;
        history.replaceState(history.state, "", `${pathname}${search}#${raw}`);
      }
      let value = raw;
      try {
        value = decodeURIComponent(raw);
      } catch {
        // a malformed escape: show it as typed
      }
      setHash(value);
    };
    read();
    window.addEventListener("hashchange", read);
    window.addEventListener("popstate", read);
    return () => {
      window.removeEventListener("hashchange", read);
      window.removeEventListener("popstate", read);
    };
  }, []);
  return hash;
}
