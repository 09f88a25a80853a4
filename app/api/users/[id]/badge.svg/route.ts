import { getDb } from "@/db";
import { badgeResponse } from "@/server/users/badge";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A person's badge (工牌码) as the QR code the phone shows under Me. `<id>` is a user id or `me`. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return badgeResponse(await getDb(), req, (await params).id, "svg");
}
