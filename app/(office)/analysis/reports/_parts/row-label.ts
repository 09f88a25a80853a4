import type { TBlock, TLabel } from "@/domain/analysis/schemas";

type T = (key: string) => string;

/**
 * A Pareto or table row's name on screen: the label the data carries (a complaint category's own name), else its key
 * in the block's keyspace, read from this screen's namespace (analysisReports.cause / checkReason / complaintCategory:
 * the PDF's keyspaces are server-only), departments by their shared names.
 */
export function rowLabeller(t: T, locale: string) {
  return (block: TBlock, label: TLabel, key: string): string => {
    if (label) return locale === "zh-CN" ? label["zh-CN"] : label.en;
    const space = block.type === "pareto" ? block.keyspace.split(".").pop() : block.id;
    if (space === "cause") return key ? t(`analysisReports.cause.${key}`) : t("analysisReports.causeNone");
    if (space === "complaintCategory") return key ? key : t("analysisReports.complaintCategory.none");
    if (space === "checkReason") return t(`analysisReports.checkReason.${key}`);
    if (space === "actions_by_department") return t(`departments.${key}`);
    return key;
  };
}
