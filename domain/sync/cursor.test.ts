import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advance, covers, cursorOf, formatCursor, horizon, parseCursor, sees, type PullCursor } from "./cursor";

describe("parseCursor / formatCursor", () => {
  it("reads PostgreSQL's pg_snapshot text and writes it back unchanged", () => {
    for (const text of ["20:20:", "10:20:10", "10:20:10,12,19", "1:1:", "0:0:"]) {
      expect(formatCursor(parseCursor(text)!)).toBe(text);
    }
    // an xmin below the smallest open id says nothing more: the ids between are seen
    expect(formatCursor(parseCursor("10:20:")!)).toBe("20:20:");
    expect(formatCursor(parseCursor("8:20:12")!)).toBe("12:20:12");
    expect(parseCursor("10:20:10,12,19")).toEqual({ xmin: 10, xmax: 20, open: [10, 12, 19] });
  });

  it("reads a plain transaction id from before ADR 0042 as everything up to it seen", () => {
    expect(parseCursor("0")).toEqual({ xmin: 1, xmax: 1, open: [] });
    expect(parseCursor("41")).toEqual({ xmin: 42, xmax: 42, open: [] });
    const c = parseCursor("41")!;
    expect(sees(c, 41)).toBe(true);
    expect(sees(c, 42)).toBe(false);
  });

  it.each([
    "",
    "-1",
    "1.5",
    "abc",
    " 1",
    "10:20",
    "10:20:5", // open id below xmin
    "10:20:20", // open id at xmax
    "10:20:12,11", // not ascending
    "10:20:12,12", // twice
    "12:20:10,12", // an open id below xmin
    "20:10:",
    "99999999999999999999:99999999999999999999:",
    "10:20:,",
    "10:20:12,",
  ])("refuses %j", (text) => {
    expect(parseCursor(text)).toBeNull();
  });
});

describe("sees / covers / horizon", () => {
  it("sees every id below xmax except the open ones", () => {
    const c = parseCursor("10:20:10,15")!;
    expect([9, 10, 11, 14, 15, 16, 19, 20].map((t) => sees(c, t))).toEqual([true, false, true, true, false, true, true, false]);
    expect(horizon(c)).toBe(20);
  });

  it("a cursor covers one that saw less, never one that saw an id it has open", () => {
    expect(covers(parseCursor("15:30:15")!, parseCursor("10:20:10,15")!)).toBe(true);
    expect(covers(parseCursor("12:30:12")!, parseCursor("10:20:10,15")!)).toBe(false);
    expect(covers(parseCursor("10:19:10")!, parseCursor("10:20:10")!)).toBe(false);
  });
});

/**
 * A model of a server: transaction ids handed out in order, each open, committed or aborted; a pull takes the
 * snapshot (open ids below the next id) and delivers rows of committed ids it has not seen, a page at a time.
 */
describe("advance (model-based)", () => {
  type Step = { kind: "begin" } | { kind: "end"; pick: number; commit: boolean } | { kind: "pull"; page: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ kind: "begin" as const }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("end" as const), pick: fc.nat(), commit: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("pull" as const), page: fc.integer({ min: 1, max: 4 }) }) },
  );

  it("delivers every committed id exactly once, never an aborted or open one, and never goes back", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        let next = 1;
        const open: number[] = [];
        const committed = new Set<number>();
        let cursor: PullCursor = parseCursor("0")!;
        const delivered: number[] = [];
        const pull = (page: number | null) => {
          const s = cursorOf(next, open);
          // rows of committed ids the cursor has not seen, in id order; a page holds `page` ids
          const unseen = [...committed].filter((t) => !sees(cursor, t)).sort((a, b) => a - b);
          const sent = page === null || unseen.length <= page ? unseen : unseen.slice(0, page);
          const upTo = page === null || unseen.length <= page ? null : sent.at(-1)!;
          const after = advance(cursor, s, upTo);
          expect(covers(after, cursor)).toBe(true);
          for (const t of open) expect(sees(after, t)).toBe(false);
          for (const t of sent) expect(sees(after, t)).toBe(true);
          delivered.push(...sent);
          cursor = after;
          expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
        };
        for (const st of steps) {
          if (st.kind === "begin") open.push(next++);
          else if (st.kind === "end" && open.length > 0) {
            const [t] = open.splice(st.pick % open.length, 1);
            if (st.commit) committed.add(t!);
            next++; // other work moves the counter on (other databases share it)
          } else if (st.kind === "pull") pull(st.page);
        }
        // the open ones end (committed), then pulls run until nothing is left
        for (const t of open.splice(0)) committed.add(t);
        for (let i = 0; i < 500 && [...committed].some((t) => !sees(cursor, t)); i++) pull(2);
        pull(null);
        expect([...delivered].sort((a, b) => a - b)).toEqual([...committed].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it("a transaction left open forever holds nothing back: later commits are delivered at once", () => {
    const stuck = 100;
    let cursor = parseCursor("99")!;
    const s1 = cursorOf(105, [stuck]);
    cursor = advance(cursor, s1, null);
    expect(formatCursor(cursor)).toBe("100:105:100");
    expect([101, 102, 103, 104].every((t) => sees(cursor, t))).toBe(true);
    cursor = advance(cursor, cursorOf(200, [stuck]), null);
    expect(formatCursor(cursor)).toBe("100:200:100");
    expect(sees(cursor, 199)).toBe(true);
    // it commits at last: the next pull reads it
    cursor = advance(cursor, cursorOf(201, []), null);
    expect(formatCursor(cursor)).toBe("201:201:");
  });
});
