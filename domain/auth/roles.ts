/**
 * Roles and departments of the operator (see ../shared/DOMAIN.md "People").
 * The one source of role names for the phone, the office screens and the server.
 */
export const ROLES = [
  "lineman",
  "warehouse_keeper",
  "instrument_custodian",
  "department_head",
  "customer_service",
  "operations",
  "quality",
  "general_manager",
  "admin",
] as const;
export type TRole = (typeof ROLES)[number];

export const DEPARTMENTS = [
  "terminal_service", // 终端服务部
  "finance", // 财务部
  "technology_development", // 技术发展部
  "customer_service", // 客户服务部
  "operations", // 运维部
  "enterprise_management", // 企业管理部
  "computer_network", // 电脑网络部: computers, office automation (P3)
  "administration_hr", // 行政人事部: premises, service guides (P3)
  "switching_transmission", // 交换传输室: the exchange's monthly billing-accuracy check (P4)
] as const;
export type TDepartment = (typeof DEPARTMENTS)[number];

/** Roles whose daily work is on their feet: their screens always offer the Scan action. */
export const FIELD_ROLES: readonly TRole[] = ["lineman", "warehouse_keeper", "instrument_custodian", "operations", "quality"];

export function isFieldRole(role: TRole): boolean {
  return FIELD_ROLES.includes(role);
}

/** Groups of roles used by procedure declarations; named for what they may do. */
export const ROLE_GROUPS = {
  everyone: ROLES,
  admins: ["admin"],
} as const satisfies Record<string, readonly TRole[]>;
