import { getDb } from "@/db";
import { handleTrpc } from "@/server/http/trpc-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handler(req: Request) {
  return handleTrpc(await getDb(), req);
}

export { handler as GET, handler as POST };
