import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { fishboneSvg } from "@/server/analysis/fishbone-svg";
import { orNull, serverCaller } from "./caller";

/** The fixed-size drawing made to fill the column (its viewBox keeps the shape); under 720 px it scrolls sideways so its text stays readable. */
function responsive(svg: string): string {
  return svg.replace(/ width="[\d.]+" height="[\d.]+"/, ' style="display:block;width:100%;min-width:720px;height:auto"');
}

/**
 * The diagram of what was saved, drawn on the server (server/analysis/fishbone-svg.ts: the same drawing the PDF
 * prints), and the PDF link. Refreshed with the page after each save.
 */
export async function FishboneDiagram({ id }: { id: string }) {
  const t = await getTranslations("analysisReports.form");
  const locale = await getLocale();
  const f = await orNull((await serverCaller()).analysis.fishbone({ id }));
  if (!f) return null;
  return (
    <section className="card stack" aria-labelledby="diagram-title">
      <h2 id="diagram-title" style={{ margin: 0 }}>
        {t("diagram")}
      </h2>
      <p className="help" style={{ margin: 0 }}>
        {t("diagramHint")}
      </p>
      <figure
        data-testid="fishbone-diagram"
        data-version={f.version}
        aria-label={f.problem}
        style={{ margin: 0, overflowX: "auto", WebkitOverflowScrolling: "touch", background: "#fff", border: "1px solid var(--line)", borderRadius: 12 }}
        dangerouslySetInnerHTML={{ __html: responsive(fishboneSvg(f, locale)) }}
      />
      <a
        className="btn secondary block"
        href={`/api/analysis/fishbones/${f.id}/pdf`}
        target="_blank"
        rel="noreferrer"
        data-testid="fishbone-pdf"
        style={{ minHeight: 48 }}
      >
        {t("pdf")}
      </a>
    </section>
  );
}
