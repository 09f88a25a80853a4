/**
 * Each tag as one label image (`/api/warehouse/tags/<tag>.png`, the QR and the Code 128 for a label printer's app),
 * beside the sheet of tags as PDF: folded, one link per tag (the keeper's receipt card; the office's receipt has its own).
 */
export function TagPngLinks({ tags, summary }: { tags: readonly string[]; summary: string }) {
  if (tags.length === 0) return null;
  return (
    <details data-testid="tags-png">
      <summary className="small">{summary}</summary>
      <ul className="row" style={{ listStyle: "none", padding: 0, margin: "6px 0 0", flexWrap: "wrap", gap: 8 }}>
        {tags.map((tag) => (
          <li key={tag}>
            <a className="mono tap-link" href={`/api/warehouse/tags/${tag}.png`} target="_blank" rel="noopener" data-testid="tag-png" data-tag={tag}>
              {tag}.png
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
