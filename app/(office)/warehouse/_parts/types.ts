import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type Outputs = inferRouterOutputs<AppRouter>["warehouse"];
/** warehouse.receipt: the receipt, its lines and tags, its Quality Acceptance Form (or null) and what the viewer may do. */
export type TReceiptDetail = Outputs["receipt"];
export type TReceiptLine = TReceiptDetail["lines"][number];
export type TReceiptItem = TReceiptLine["items"][number];
export type TSignedForm = NonNullable<TReceiptDetail["form"]>;
export type TReceiptRow = Outputs["receipts"]["rows"][number];
export type TFormRow = Outputs["forms"]["rows"][number];
export type TStockRow = Outputs["stock"]["rows"][number];
export type TQuarantineRow = Outputs["quarantine"]["rows"][number];
export type TCountRow = Outputs["counts"]["rows"][number];
export type TCountDetail = Outputs["count"];
export type TDifferenceRow = TCountDetail["differences"][number];
export type TSearchRow = Outputs["search"]["rows"][number];
export type TItemDetail = Outputs["item"];
export type TPerson = Outputs["people"][number];
