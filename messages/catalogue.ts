/**
 * The message catalogues: the base file per locale plus one file per domain (messages/<locale>/<domain>.json),
 * each holding its own top-level namespaces. Split so that domains grow their messages without touching each
 * other's files; the parity test (domain/i18n/locales.test.ts) checks the merged result.
 */
import enBase from "./en.json";
import enAudit from "./en/audit.json";
import enComplaints from "./en/complaints.json";
import enComplaintsDesk from "./en/complaints-desk.json";
import enComplaintsPdf from "./en/complaints-pdf.json";
import enComplaintsPhone from "./en/complaints-phone.json";
import enInstruments from "./en/instruments.json";
import enInstrumentsUi from "./en/instruments-ui.json";
import enJobs from "./en/jobs.json";
import enLicenses from "./en/licenses.json";
import enNotices from "./en/notices.json";
import enOffice from "./en/office.json";
import enWarehouse from "./en/warehouse.json";
import enWarehouseCount from "./en/warehouse-count.json";
import enWarehouseOffice from "./en/warehouse-office.json";
import enWarehousePdf from "./en/warehouse-pdf.json";
import enWarehousePhone from "./en/warehouse-phone.json";
import enWorkOrders from "./en/work-orders.json";
import enQuality from "./en/quality.json";
import enQualityPhone from "./en/quality-phone.json";
import enQualityOffice from "./en/quality-office.json";
import enQualityHome from "./en/quality-home.json";
import enQualityPdf from "./en/quality-pdf.json";
import enProperty from "./en/property.json";
import enPropertyOffice from "./en/property-office.json";
import enPropertyPhone from "./en/property-phone.json";
import enAnalysis from "./en/analysis.json";
import enAnalysisOffice from "./en/analysis-office.json";
import enAnalysisSurvey from "./en/analysis-survey.json";
import enAnalysisPdf from "./en/analysis-pdf.json";
import enAnalysisReports from "./en/analysis-reports.json";
import enAnalysisLetterPdf from "./en/analysis-letter-pdf.json";
import enAnalysisFishbonePdf from "./en/analysis-fishbone-pdf.json";
import enPropertyPdf from "./en/property-pdf.json";
import enServiceRecord from "./en/service-record.json";
import enAdminSites from "./en/admin-sites.json";
import zhBase from "./zh-CN.json";
import zhAudit from "./zh-CN/audit.json";
import zhComplaints from "./zh-CN/complaints.json";
import zhComplaintsDesk from "./zh-CN/complaints-desk.json";
import zhComplaintsPdf from "./zh-CN/complaints-pdf.json";
import zhComplaintsPhone from "./zh-CN/complaints-phone.json";
import zhInstruments from "./zh-CN/instruments.json";
import zhInstrumentsUi from "./zh-CN/instruments-ui.json";
import zhJobs from "./zh-CN/jobs.json";
import zhLicenses from "./zh-CN/licenses.json";
import zhNotices from "./zh-CN/notices.json";
import zhOffice from "./zh-CN/office.json";
import zhWarehouse from "./zh-CN/warehouse.json";
import zhWarehouseCount from "./zh-CN/warehouse-count.json";
import zhWarehouseOffice from "./zh-CN/warehouse-office.json";
import zhWarehousePdf from "./zh-CN/warehouse-pdf.json";
import zhWarehousePhone from "./zh-CN/warehouse-phone.json";
import zhWorkOrders from "./zh-CN/work-orders.json";
import zhQuality from "./zh-CN/quality.json";
import zhQualityPhone from "./zh-CN/quality-phone.json";
import zhQualityOffice from "./zh-CN/quality-office.json";
import zhQualityHome from "./zh-CN/quality-home.json";
import zhQualityPdf from "./zh-CN/quality-pdf.json";
import zhProperty from "./zh-CN/property.json";
import zhPropertyOffice from "./zh-CN/property-office.json";
import zhPropertyPhone from "./zh-CN/property-phone.json";
import zhAnalysis from "./zh-CN/analysis.json";
import zhAnalysisOffice from "./zh-CN/analysis-office.json";
import zhAnalysisSurvey from "./zh-CN/analysis-survey.json";
import zhAnalysisPdf from "./zh-CN/analysis-pdf.json";
import zhAnalysisReports from "./zh-CN/analysis-reports.json";
import zhAnalysisLetterPdf from "./zh-CN/analysis-letter-pdf.json";
import zhAnalysisFishbonePdf from "./zh-CN/analysis-fishbone-pdf.json";
import zhPropertyPdf from "./zh-CN/property-pdf.json";
import zhServiceRecord from "./zh-CN/service-record.json";
import zhAdminSites from "./zh-CN/admin-sites.json";

type Catalogue = Record<string, unknown>;

export const CATALOGUE_PARTS: Record<"en" | "zh-CN", Catalogue[]> = {
  en: [
    enBase,
    enWorkOrders,
    enLicenses,
    enAudit,
    enInstruments,
    enInstrumentsUi,
    enJobs,
    enOffice,
    enNotices,
    enComplaints,
    enComplaintsPhone,
    enComplaintsDesk,
    enComplaintsPdf,
    enWarehouse,
    enWarehousePhone,
    enWarehouseCount,
    enWarehouseOffice,
    enWarehousePdf,
    enQuality,
    enQualityPhone,
    enQualityOffice,
    enQualityHome,
    enQualityPdf,
    enServiceRecord,
    enAdminSites,
    enProperty,
    enPropertyOffice,
    enPropertyPhone,
    enPropertyPdf,
    enAnalysis,
    enAnalysisOffice,
    enAnalysisSurvey,
    enAnalysisPdf,
    enAnalysisReports,
    enAnalysisLetterPdf,
    enAnalysisFishbonePdf,
  ],
  "zh-CN": [
    zhBase,
    zhWorkOrders,
    zhLicenses,
    zhAudit,
    zhInstruments,
    zhInstrumentsUi,
    zhJobs,
    zhOffice,
    zhNotices,
    zhComplaints,
    zhComplaintsPhone,
    zhComplaintsDesk,
    zhComplaintsPdf,
    zhWarehouse,
    zhWarehousePhone,
    zhWarehouseCount,
    zhWarehouseOffice,
    zhWarehousePdf,
    zhQuality,
    zhQualityPhone,
    zhQualityOffice,
    zhQualityHome,
    zhQualityPdf,
    zhServiceRecord,
    zhAdminSites,
    zhProperty,
    zhPropertyOffice,
    zhPropertyPhone,
    zhPropertyPdf,
    zhAnalysis,
    zhAnalysisOffice,
    zhAnalysisSurvey,
    zhAnalysisPdf,
    zhAnalysisReports,
    zhAnalysisLetterPdf,
    zhAnalysisFishbonePdf,
  ],
};

export const CATALOGUES: Record<"en" | "zh-CN", Catalogue> = {
  en: Object.assign({}, ...CATALOGUE_PARTS.en) as Catalogue,
  "zh-CN": Object.assign({}, ...CATALOGUE_PARTS["zh-CN"]) as Catalogue,
};

/**
 * Namespaces only the server reads (the PDFs' texts): left out of the messages every page sends to the browser
 * (app/layout.tsx), where they would only add to each page's HTML (domain/i18n/client-messages.test.ts checks that no
 * screen reads them).
 */
export const SERVER_ONLY_NAMESPACES = [
  "pdf",
  "complaintsPdf",
  "warehousePdf",
  "qualityPdf",
  "propertyPdf",
  "analysisPdf",
  "analysisLetterPdf",
  "analysisFishbonePdf",
  "badgePdf",
] as const;

export function clientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(messages).filter(([ns]) => !(SERVER_ONLY_NAMESPACES as readonly string[]).includes(ns)));
}
