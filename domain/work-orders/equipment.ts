/**
 * Customer-provided equipment (customer property procedure, 顾客财产控制程序): what a lineman checks before
 * connecting it, and the verdicts of a check against the network-access license registry.
 */
export const EQUIPMENT_TYPES = ["telephone", "fax", "isdn_terminal", "pbx", "group_phone", "data_terminal"] as const;
export type TEquipmentType = (typeof EQUIPMENT_TYPES)[number];

/** valid: licensed and in date, model matches; the others are failures. */
export const LICENSE_CHECK_RESULTS = ["valid", "expired", "unknown", "model_mismatch"] as const;
export type TLicenseCheckResult = (typeof LICENSE_CHECK_RESULTS)[number];

/** What the lineman did: connect (only a passed check), refuse to connect, or connect nothing and inform the customer. */
export const CHECK_OUTCOMES = ["connected", "refused", "customer_informed"] as const;
export type TCheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** A PBX's application details (《安装用户交换机申请检验表》) and its on-site inspection. */
export interface TPbxDetails {
  capacity: string;
  standard: string;
  connection: string;
  power: string;
  trunkLines: number;
  inspection: "passed" | "failed";
  inspectionNote: string;
}
