import { describe, expect, it } from "vitest";
import { ZCreateUserInput, ZDisplayName, ZLoginInput, ZNewPassword, ZResetPasswordInput, ZSetUserActiveInput, ZUpdateUserInput, ZUsername } from "./schemas";

/** The catalogue keys of a failed parse (the client translates them), or "ok". */
function messages(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? "ok" : r.error!.issues.map((i) => i.message);
}

describe("ZUsername", () => {
  it.each([
    ["abc", "abc"],
    ["wang.jianguo", "wang.jianguo"],
    ["li_wei-2", "li_wei-2"],
    ["  Admin  ", "admin"],
    ["ZHAO", "zhao"],
    ["a".repeat(40), "a".repeat(40)],
    ["123", "123"],
  ])("accepts %j as %j", (input, output) => {
    expect(ZUsername.parse(input)).toBe(output);
  });

  it("measures the length after trimming", () => {
    expect(messages(ZUsername, "  ab  ")).toEqual(["validation.usernameLength"]);
    expect(ZUsername.parse(`  ${"b".repeat(40)}  `)).toBe("b".repeat(40));
  });

  it.each(["", "ab", "a".repeat(41)])("rejects the length of %j", (input) => {
    expect(messages(ZUsername, input)).toContain("validation.usernameLength");
  });

  it.each(["with space", "émile", "王建国", "a/b", "a@b.c", "semi;colon", "tab\there", "dollar$"])("rejects the characters of %j", (input) => {
    expect(messages(ZUsername, input)).toEqual(["validation.usernameChars"]);
  });

  it("rejects what is not a string", () => {
    expect(ZUsername.safeParse(123).success).toBe(false);
    expect(ZUsername.safeParse(null).success).toBe(false);
  });
});

describe("ZNewPassword", () => {
  it("accepts 10 to 128 characters, of any kind, unchanged", () => {
    expect(ZNewPassword.parse("0123456789")).toBe("0123456789");
    expect(ZNewPassword.parse("x".repeat(128))).toHaveLength(128);
    // No composition rules, no trimming: spaces and any script count.
    expect(ZNewPassword.parse("  spaced out  ")).toBe("  spaced out  ");
    expect(ZNewPassword.parse("密码密码密码密码密码")).toBe("密码密码密码密码密码");
  });

  it.each(["", "123456789", "x".repeat(129)])("rejects the length of a %#. password", (input) => {
    expect(messages(ZNewPassword, input)).toEqual(["validation.passwordLength"]);
  });
});

describe("ZLoginInput", () => {
  it("normalises the username as ZUsername does, leaving the password alone", () => {
    expect(ZLoginInput.parse({ username: "  Admin ", password: " pw " })).toEqual({ username: "admin", password: " pw " });
  });

  it("accepts any non-empty username up to 40 (a login must not reveal the rules)", () => {
    expect(ZLoginInput.safeParse({ username: "x", password: "p" }).success).toBe(true);
    expect(ZLoginInput.safeParse({ username: "王", password: "p" }).success).toBe(true);
  });

  it.each([
    { username: "", password: "p" },
    { username: "   ", password: "p" },
    { username: "a".repeat(41), password: "p" },
    { username: "admin", password: "" },
    { username: "admin", password: "x".repeat(129) },
    { username: "admin" },
    {},
  ])("rejects %j", (input) => {
    expect(ZLoginInput.safeParse(input).success).toBe(false);
  });

  it("names the field it refuses, with a catalogue key the login screen shows beside that field", () => {
    const issues = (input: unknown) => {
      const r = ZLoginInput.safeParse(input);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(issues({ username: "  ", password: "" })).toEqual({ username: "login.missing.username", password: "login.missing.password" });
    expect(issues({})).toEqual({ username: "login.missing.username", password: "login.missing.password" });
    expect(issues({ username: "admin", password: "" })).toEqual({ password: "login.missing.password" });
    expect(issues({ username: "a".repeat(41), password: "p" })).toEqual({ username: "validation.tooLong" });
  });
});

describe("ZDisplayName", () => {
  it("trims and requires 1 to 80 characters", () => {
    expect(ZDisplayName.parse("  王建国 Wang  ")).toBe("王建国 Wang");
    expect(messages(ZDisplayName, "   ")).toEqual(["validation.required"]);
    expect(messages(ZDisplayName, "n".repeat(81))).toEqual(["validation.tooLong"]);
    expect(ZDisplayName.parse("n".repeat(80))).toHaveLength(80);
  });
});

describe("user administration inputs", () => {
  const valid = { username: "new.user", displayName: "New", role: "lineman", department: "terminal_service", password: "long enough pw" };
  const uuid = "0b7e6f1c-7a4e-4c1e-9a37-2f1d5b0c9e11";

  it("ZCreateUserInput accepts a valid user and reports each bad field by path", () => {
    expect(ZCreateUserInput.parse(valid)).toEqual(valid);
    const r = ZCreateUserInput.safeParse({ ...valid, username: "x", role: "root", department: "sales", password: "short" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["department", "password", "role", "username"]);
  });

  it("ZUpdateUserInput needs a UUID and known role and department", () => {
    expect(ZUpdateUserInput.safeParse({ userId: uuid, displayName: "A", role: "admin", department: "finance" }).success).toBe(true);
    expect(ZUpdateUserInput.safeParse({ userId: "42", displayName: "A", role: "admin", department: "finance" }).success).toBe(false);
    expect(ZUpdateUserInput.safeParse({ userId: uuid, displayName: "A", role: "Admin", department: "finance" }).success).toBe(false);
  });

  it("ZResetPasswordInput applies the new-password rule", () => {
    expect(ZResetPasswordInput.safeParse({ userId: uuid, password: "0123456789" }).success).toBe(true);
    expect(messages(ZResetPasswordInput, { userId: uuid, password: "012345678" })).toEqual(["validation.passwordLength"]);
  });

  it("ZSetUserActiveInput needs a real boolean", () => {
    expect(ZSetUserActiveInput.parse({ userId: uuid, active: false })).toEqual({ userId: uuid, active: false });
    expect(ZSetUserActiveInput.safeParse({ userId: uuid, active: "false" }).success).toBe(false);
  });
});
