import { env } from "@/server/env";
import { configFromEnv, openDb } from "./client";

const handle = await openDb(configFromEnv(env()), { asOwner: true });
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
