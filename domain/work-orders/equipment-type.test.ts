import { describe, expect, it } from "vitest";
import { equipmentTypeFromName } from "./equipment-type";

describe("equipment type from the registry's equipment name", () => {
  it.each([
    ["数字无绳电话机", "telephone"],
    ["电话机", "telephone"],
    ["Cordless telephone", "telephone"],
    ["小型用户交换机 PBX", "pbx"],
    ["程控用户交换机", "pbx"],
    ["G3 传真机", "fax"],
    ["Fax machine", "fax"],
    ["ISDN 终端", "isdn_terminal"],
    ["集团电话", "group_phone"],
    ["数据终端 (路由器)", "data_terminal"],
    ["GPON 光网络单元 ONU", "data_terminal"],
    ["ADSL modem", "data_terminal"],
  ] as const)("%s → %s", (name, type) => {
    expect(equipmentTypeFromName(name)).toBe(type);
  });

  it("names it cannot place give no default (the lineman picks)", () => {
    expect(equipmentTypeFromName("机顶盒")).toBeNull();
    expect(equipmentTypeFromName("")).toBeNull();
    // "phone" only as a word: a "headphone" is not a telephone
    expect(equipmentTypeFromName("headphones")).toBeNull();
  });
});
