import { env } from "@/server/env";
import { configFromEnv, openDb } from "@/db/client";
import { DEMO_USERS, seedDemo } from "./demo";
import { QUALITY_DEMO_USERS } from "./quality";

const handle = await openDb(configFromEnv(env()));
const seeded = await seedDemo(handle.db);
await handle.close();
console.log(seeded ? "Demo data seeded." : "Database already has users: demo seed skipped.");
console.log("\nDemo logins (username / password):");
for (const u of [...DEMO_USERS, ...QUALITY_DEMO_USERS]) console.log(`  ${u.role.padEnd(22)} ${u.username.padEnd(10)} ${u.password}`);
console.log("");
