import { describe, expect, it } from "vitest";
import { ZAuditEvent } from "./events";

describe("ZAuditEvent", () => {
  it("accepts each known event with its payload", () => {
    const events = [
      { name: "user.loggedIn", payload: { ip: "10.0.0.1" } },
      { name: "user.loggedOut", payload: { everywhere: true } },
      { name: "user.created", payload: { username: "u", role: "lineman", department: "finance" } },
      {
        name: "user.updated",
        payload: {
          from: { displayName: "A", role: "lineman", department: "finance" },
          to: { displayName: "B", role: "quality", department: "operations" },
        },
      },
      { name: "user.passwordReset", payload: {} },
      { name: "user.activeChanged", payload: { active: false } },
    ];
    for (const e of events) expect(ZAuditEvent.parse(e)).toEqual(e);
  });

  it("rejects unknown event names and payloads of the wrong shape", () => {
    expect(ZAuditEvent.safeParse({ name: "user.deleted", payload: {} }).success).toBe(false);
    expect(ZAuditEvent.safeParse({ name: "user.loggedIn", payload: {} }).success).toBe(false);
    expect(ZAuditEvent.safeParse({ name: "user.created", payload: { username: "u", role: "root", department: "finance" } }).success).toBe(false);
    expect(ZAuditEvent.safeParse({ name: "user.activeChanged", payload: { active: "no" } }).success).toBe(false);
  });

  it("drops keys a payload does not declare (a password can never slip into the log)", () => {
    const parsed = ZAuditEvent.parse({ name: "user.passwordReset", payload: { password: "secret" } });
    expect(parsed.payload).toEqual({});
  });
});
