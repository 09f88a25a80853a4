"use client";
import dynamic from "next/dynamic";

/** The open corrective actions in their own chunk, loaded after the home's own content (ADR 0037). */
export const ActionList = dynamic(() => import("../action-list").then((m) => m.ActionList));
