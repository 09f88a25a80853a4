import { sql } from "drizzle-orm";
import { z } from "zod";
import { defineJob } from "@/server/jobs/define";

/** The job the multi-process tests send: its handler writes one row to job_probe, naming the process that ran it. */
export const probeJob = defineJob({
  name: "probe.once",
  data: z.object({ note: z.string() }),
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  handler: async (data, run) => {
    await run.db.execute(sql`insert into job_probe (job_id, note, pid) values (${run.id}, ${data.note}, ${process.pid})`);
  },
});
