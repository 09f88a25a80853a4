"use client";
import { useEffect, useState } from "react";

/**
 * The URL's hash, decoded, without "#": the one page of /items and /zones serves every tag this way, so a
 * page cached once opens offline for any item. Null until read on the client.
 */
export function useHash(): string | null {
  const [hash, setHash] = useState<string | null>(null);
  useEffect(() => {
    const read = () => {
      const raw = window.location.hash.slice(1);
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
