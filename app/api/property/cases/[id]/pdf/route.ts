import { getDb } from "@/db";
import { casePdfResponse } from "@/server/property/pdf-case";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A case's form as a PDF: 《安装用户交换机申请检验表》 (PBX) or the works acceptance record (《客户自建通信工程验收项目一览表》). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return casePdfResponse(await getDb(), req, (await params).id);
}
