"use client";
import dynamic from "next/dynamic";

/** The home in its own chunk: the home page sends one role's screen, not every role's (ADR 0037). */
export const AdminHome = dynamic(() => import("../admin-home").then((m) => m.AdminHome));
