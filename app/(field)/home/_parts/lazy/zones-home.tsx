"use client";
import dynamic from "next/dynamic";

/** The home in its own chunk: the home page sends one role's screen, not every role's (ADR 0037). */
export const ZonesHome = dynamic(() => import("../zones-home").then((m) => m.ZonesHome));
