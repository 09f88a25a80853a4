import "server-only";
import type { Db } from "@/db/client";
import { letterDaysLeft } from "@/domain/property/model";
import { operatorDay } from "@/domain/time/operator";
import type { Column } from "@/server/pdf/layout";
import { isPbx, isWorks, loadLetterPrint, type TLetterPrint } from "./pdf-case-data";
import { labels as L } from "@/server/pdf/bilingual";
import { both, dash, footers, P, startRecord, time, word } from "./pdf-common";
import { propertyPdfResponse } from "./pdf-http";

/**
 * The rectification letter (整改通知书) to the customer: whom, which case and inspection, the failed items as written
 * in the letter (with the inspectors' notes and measurements), the deadline, who issued it and when; and, once the
 * customer reported the rectification, when and to whom.
 */
export async function renderLetter(f: TLetterPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { l, c } = f;
  const p = startRecord({
    titleKey: "title.letter",
    code: l.code,
    subtitle: `${both("field.case")}: ${c.code}`,
    generatedAt: f.generatedAt,
    compress: opts.compress,
    bracket: false,
  });

  p.section(both("section.to"));
  p.fields(
    [
      [both("field.customerName"), c.customerName],
      [both("field.customerPhone"), c.customerPhone],
      [both("field.customerAddress"), c.customerAddress],
      [both("field.kind"), word("kind", c.kind)],
      ...(isWorks(c) ? ([[both("field.projectName"), c.details.projectName]] as [string, string][]) : []),
      ...(isPbx(c) ? ([[both("field.model"), `${c.details.model} (${c.details.certificateNo})`]] as [string, string][]) : []),
      [both("field.round"), both("roundN", { n: f.roundNo })],
      [both("field.inspectedAt"), time(f.inspectedAt)],
    ],
    2,
  );

  p.section(both("section.notice"), 60);
  p.fields([[both("field.deadline"), l.deadline]], 1);
  // the notice itself: the Chinese paragraph, then the English one
  p.ensure(60);
  p.gap(p.write(L.zh(`${P}.letter.body`, { customer: c.customerName, deadline: l.deadline }), p.left, p.y, p.width, { size: 10.5 }) + 4);
  p.gap(p.write(L.en(`${P}.letter.body`, { customer: c.customerName, deadline: l.deadline }), p.left, p.y, p.width, { size: 9.5 }) + 8);

  p.section(both("section.failed"));
  const cols: Column[] = [
    { label: both("col.no"), width: 28 },
    { label: both("col.clause"), width: 80 },
    { label: both("col.item"), width: p.width - 28 - 80 - 80 - 150 },
    { label: both("col.measurement"), width: 80 },
    { label: both("col.note"), width: 150 },
  ];
  p.table(
    cols,
    l.items.map((i, n) => [String(n + 1), i.clause, i.textEn ? `${i.textZh}\n${i.textEn}` : i.textZh, dash(i.measurement), dash(i.note)]),
  );
  p.gap(8);
  if (l.note) p.fields([[both("field.note"), l.note]], 1);

  p.section(both("section.issued"), 60);
  const days = letterDaysLeft(l.deadline, operatorDay(f.generatedAt));
  p.fields(
    [
      [both("field.issuedBy"), f.issuedByName],
      [both("field.issuedAt"), time(l.issuedAt)],
      [both("field.deadline"), l.deadline],
      [
        both("field.rectification"),
        l.rectifiedAt
          ? `${both("rectifiedOn", { time: time(l.rectifiedAt) })}${f.rectifiedByName ? ` · ${f.rectifiedByName}` : ""}`
          : days < 0
            ? both("overdueDays", { days: -days })
            : both("awaitingRectification"),
      ],
    ],
    2,
  );
  if (l.rectifiedNote) p.fields([[both("field.rectifiedNote"), l.rectifiedNote]], 1);

  footers(p, l.code, f.generatedAt);
  return p.finish();
}

/** GET /api/property/letters/<id>/pdf: the rectification letter, to whoever may read cases. */
export function letterPdfResponse(db: Db, req: Request, id: string): Promise<Response> {
  return propertyPdfResponse(db, req, id, { load: loadLetterPrint, render: (f) => renderLetter(f), code: (f) => f.l.code });
}
