import "server-only";
import { hash, verify } from "@node-rs/argon2";

/**
 * Argon2id (memory-hard) via @node-rs/argon2, OWASP's minimum profile: 19 MiB, 2 passes, 1 lane.
 * Parameters are stored in the PHC string, so raising them later keeps old hashes verifiable.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("tracemark-dummy-password-for-timing");
  return dummy;
}
