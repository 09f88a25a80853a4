import { getDb } from "@/db";
import { badgeResponse } from "@/server/users/badge";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A person's badge (工牌码) printed: one ID-1 card on an A4 page. `<id>` is a user id or `me`. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return badgeResponse(await getDb(), req, (await params).id, "pdf");
}
