import { describe, expect, test } from "vitest";
import { classifyScan } from "../scan/classify";
import { connectsWithoutTap, EMPTY_SESSION, serialFromScan, sessionStep, type TScanSession, type TSessionRead } from "./scan-session";

describe("serialFromScan", () => {
  test("a device's serial or IMEI barcode is a serial", () => {
    expect(serialFromScan(classifyScan("SN-HW-0042"))).toBe("SN-HW-0042");
    expect(serialFromScan(classifyScan("861234567890123"))).toBe("861234567890123");
  });
  test("a license label, our own tags and over-long or blank codes are not", () => {
    expect(serialFromScan(classifyScan("00-D710-208870\nMODEL:HWCD868\nSCRAMBLE:A1B2C3D4E5F6"))).toBeNull();
    expect(serialFromScan(classifyScan("WO-2026-000101"))).toBeNull();
    expect(serialFromScan(classifyScan("X".repeat(41)))).toBeNull();
    expect(serialFromScan(classifyScan("https://example.com/x"))).toBeNull();
  });
});

describe("sessionStep: labels paired with the serial read after them", () => {
  const label = (key: string): TSessionRead<string> => ({ kind: "label", label: key, key });
  const serial = (s: string): TSessionRead<string> => ({ kind: "serial", serial: s });
  const run = (reads: TSessionRead<string>[], checked: string[] = []) => {
    let s: TScanSession<string> = EMPTY_SESSION;
    const devices: [string, string][] = [];
    const done = new Set(checked);
    for (const r of reads) {
      const { state, step } = sessionStep(s, r, done);
      s = state;
      if (step.kind === "device") {
        devices.push([step.label, step.serial]);
        done.add(step.label);
      }
    }
    return devices;
  };
  test("two devices in turn, the camera looping over the first again", () => {
    expect(run([label("L1"), label("L1"), serial("S1"), label("L1"), serial("S1"), label("L2"), serial("S2"), label("L1")])).toEqual([
      ["L1", "S1"],
      ["L2", "S2"],
    ]);
  });
  test("a serial before any label is nobody's; a label checked already is passed over", () => {
    expect(run([serial("S0"), label("L1"), serial("S1"), label("L2"), serial("S2")], ["L1"])).toEqual([["L2", "S2"]]);
  });
  test("a new label replaces one still waiting for its serial", () => {
    expect(run([label("L1"), label("L2"), serial("S2")])).toEqual([["L2", "S2"]]);
  });
  test("other codes change nothing", () => {
    const s = { label: { label: "L1", key: "L1" } };
    expect(sessionStep(s, { kind: "other" }, new Set())).toEqual({ state: s, step: { kind: "wait" } });
  });
});

describe("connectsWithoutTap: the normal case needs no outcome tap", () => {
  test("a passed telephone with its serial", () => {
    expect(connectsWithoutTap({ verdict: "valid", equipmentType: "telephone", serial: "SN-1" })).toBe(true);
  });
  test("failed, untyped, a PBX (its form first) or no serial: the lineman decides", () => {
    expect(connectsWithoutTap({ verdict: "expired", equipmentType: "telephone", serial: "SN-1" })).toBe(false);
    expect(connectsWithoutTap({ verdict: "valid", equipmentType: null, serial: "SN-1" })).toBe(false);
    expect(connectsWithoutTap({ verdict: "valid", equipmentType: "pbx", serial: "SN-1" })).toBe(false);
    expect(connectsWithoutTap({ verdict: "valid", equipmentType: "fax", serial: " " })).toBe(false);
  });
});
