/**
 * The equipment type a license registry entry most likely is, from its equipment name (设备名称) as the telecom
 * authority writes it: the phone pre-selects it after a read so the lineman only corrects it when it is wrong.
 * A default, never a rule: the lineman's choice is what is recorded.
 */
import type { TEquipmentType } from "./equipment";

/** First match wins: the specific kinds before "telephone" (a 集团电话 or 无绳电话机 also says 电话). */
const KEYWORDS: readonly (readonly [TEquipmentType, RegExp])[] = [
  ["pbx", /交换机|\bPBX\b|\bPABX\b|private branch/i],
  ["fax", /传真|\bfax\b|facsimile/i],
  ["isdn_terminal", /ISDN/i],
  ["group_phone", /集团电话|key telephone system|\bKTS\b|group (tele)?phone/i],
  ["data_terminal", /数据终端|路由器|调制解调器|光网络单元|光猫|\bONU\b|\bONT\b|modem|router|data terminal/i],
  ["telephone", /电话|话机|telephone|\bphone\b/i],
];

export function equipmentTypeFromName(equipmentName: string): TEquipmentType | null {
  for (const [type, pattern] of KEYWORDS) if (pattern.test(equipmentName)) return type;
  return null;
}
