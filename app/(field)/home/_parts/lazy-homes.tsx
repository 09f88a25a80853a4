"use client";
import dynamic from "next/dynamic";

/**
 * Each role's home in its own chunk: `/home` sends one role's screen, not all nine (ADR 0037). `next/dynamic` splits
 * only when called from a client module, hence this file; the server still renders the home into the HTML. A tap on
 * the home before its chunk has hydrated is held by SUBMIT_GUARD and tapped again once React handles it (ADR 0028).
 */
export const AdminHome = dynamic(() => import("./admin-home").then((m) => m.AdminHome));
export const ActionList = dynamic(() => import("./action-list").then((m) => m.ActionList));
export const ApprovalsHome = dynamic(() => import("./approvals-home").then((m) => m.ApprovalsHome));
export const DeskHome = dynamic(() => import("./desk-home").then((m) => m.DeskHome));
export const InstrumentsHome = dynamic(() => import("./instruments-home").then((m) => m.InstrumentsHome));
export const LinemanHome = dynamic(() => import("./lineman-home").then((m) => m.LinemanHome));
export const MaintenanceHome = dynamic(() => import("./maintenance-home").then((m) => m.MaintenanceHome));
export const ManagerApprovals = dynamic(() => import("./manager-approvals").then((m) => m.ManagerApprovals));
export const ZonesHome = dynamic(() => import("./zones-home").then((m) => m.ZonesHome));
