"use client";
import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import type { ZGeo } from "@/domain/items/mutations";

export type TGeo = z.infer<typeof ZGeo>;
export type TGeoState = { state: "idle" } | { state: "locating" } | { state: "ok"; geo: TGeo } | { state: "unavailable" };

/** A short wait: in a basement there is often no fix at all, and saving never waits for one. */
const TIMEOUT_MS = 5_000;

/**
 * Optional location of a label change. Starts on its own when the permission was already given, otherwise
 * on request. Whatever it has when the user saves goes with the change; the save never waits for it.
 */
export function useGeo(): TGeoState & { request: () => void } {
  const [s, setS] = useState<TGeoState>({ state: "idle" });
  const request = useCallback(() => {
    if (typeof navigator === "undefined" || !navigator.geolocation) {
      setS({ state: "unavailable" });
      return;
    }
    setS({ state: "locating" });
    navigator.geolocation.getCurrentPosition(
      (p) =>
        setS({
          state: "ok",
          geo: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.min(Math.max(p.coords.accuracy, 0), 100_000) },
        }),
      () => setS({ state: "unavailable" }),
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 120_000 },
    );
  }, []);
  useEffect(() => {
    let alive = true;
    navigator.permissions
      ?.query({ name: "geolocation" })
      .then((p) => {
        if (alive && p.state === "granted") request();
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [request]);
  return { ...s, request };
}
