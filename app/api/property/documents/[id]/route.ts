import { getDb } from "@/db";
import { documentResponse } from "@/server/property/documents-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A case's document (the application, certificate, agreement, design documents, test report) as uploaded. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return documentResponse(await getDb(), req, (await params).id);
}
