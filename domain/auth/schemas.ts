import { z } from "zod";
import { zLine } from "@/domain/text/rules";
import { DEPARTMENTS, ROLES } from "./roles";
import { USERNAME_CHARS, USERNAME_MAX, USERNAME_MIN } from "./username";

/** Usernames: lower-case letters, digits, dot, dash, underscore; 3–40 long (username.ts; stricter than the text rule). */
export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .min(USERNAME_MIN, { error: "validation.usernameLength" })
  .max(USERNAME_MAX, { error: "validation.usernameLength" })
  .regex(USERNAME_CHARS, { error: "validation.usernameChars" });

/**
 * Passwords: 10–128 characters; length beats composition rules (NIST SP 800-63B). Compared as typed: no text rule
 * (only the input backstop's NUL and lone-surrogate refusal, server/trpc.ts).
 */
export const ZNewPassword = z.string().min(10, { error: "validation.passwordLength" }).max(128, { error: "validation.passwordLength" });

/** Sign-in: any non-empty name and password (a login must not reveal the rules); each refusal names its field. */
export const ZLoginInput = z.object({
  username: z
    .string({ error: "login.missing.username" })
    .trim()
    .toLowerCase()
    .min(1, { error: "login.missing.username" })
    .max(40, { error: "validation.tooLong" }),
  password: z.string({ error: "login.missing.password" }).min(1, { error: "login.missing.password" }).max(128, { error: "validation.tooLong" }),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZRole = z.enum(ROLES);
export const ZDepartment = z.enum(DEPARTMENTS);

/** A person's name as shown: one line (domain/text/rules.ts). */
export const ZDisplayName = zLine(80).min(1, { error: "validation.required" });

export const ZCreateUserInput = z.object({
  username: ZUsername,
  displayName: ZDisplayName,
  role: ZRole,
  department: ZDepartment,
  password: ZNewPassword,
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.object({
  userId: z.uuid(),
  displayName: ZDisplayName,
  role: ZRole,
  department: ZDepartment,
});
export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;

export const ZResetPasswordInput = z.object({
  userId: z.uuid(),
  password: ZNewPassword,
});
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

export const ZSetUserActiveInput = z.object({
  userId: z.uuid(),
  active: z.boolean(),
});
export type TSetUserActiveInput = z.infer<typeof ZSetUserActiveInput>;
