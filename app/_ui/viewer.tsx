"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { TDepartment, TRole } from "@/domain/auth/roles";

/** The signed-in user as the client needs them: screens offer only what this role may do (offline too). */
export interface TViewer {
  id: string;
  role: TRole;
  displayName: string;
  /** Rules that depend on the department (special instruments, approvals) are checked on the phone too. */
  department: TDepartment;
}

const ViewerContext = createContext<TViewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: TViewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): TViewer {
  const v = useContext(ViewerContext);
  if (!v) throw new Error("useViewer outside ViewerProvider");
  return v;
}
