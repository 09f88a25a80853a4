import { dbEnv } from "./env";
import { configFromEnv, openDb } from "./client";

const handle = await openDb(configFromEnv(dbEnv()), { asOwner: true });
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
