import { anchorQuote, findQuote, selectorsOf } from "../src/graph/citations/anchoring";
import { sectionProblem } from "../src/graph/citations/section-provenance";

// The W3C selectors of a quote in a plain-text snapshot (no database: the rules alone).
describe("anchoring a quote in a text snapshot", () => {
  const text = "Heat Therapy\n\nA warm   bath\u00a0can help. 🩺 Heat can help.\nRest can help.";

  it("counts positions and context in code points, over the snapshot as stored", () => {
    const selectors = anchorQuote(text, "Heat can help.");
    // "🩺" is one code point and two UTF-16 units: the position is one less than String#indexOf says.
    expect(selectors).toEqual({ exact: "Heat can help.", prefix: "rapy\n\nA warm   bath\u00a0can help. 🩺 ", suffix: "\nRest can help.", start: 40, end: 54 });
    expect(text.indexOf("Heat can help.")).toBe(41);
    expect(Array.from(text).slice(40, 54).join("")).toBe("Heat can help.");
  });

  it("matches any run of whitespace, and keeps the snapshot's own in `exact`", () => {
    expect(anchorQuote(text, "A warm bath can help.")?.exact).toBe("A warm   bath\u00a0can help.");
  });

  it("matches whole words only", () => {
    expect(findQuote(text, "eat can help.")).toEqual([]);
    expect(findQuote(text, "Heat can hel")).toEqual([]);
  });

  it("spans a quote of fragments from the first to the last, in order only", () => {
    const selectors = anchorQuote(text, "Heat Therapy … Rest can help.");
    expect(selectors?.start).toBe(0);
    expect(selectors?.exact.endsWith("Rest can help.")).toBe(true);
    expect(findQuote(text, "Rest can help. … Heat Therapy")).toEqual([]);
  });

  it("tells a repeated quote apart by the context it had before", () => {
    const twice = "Intro. Rest can help. More.\n\nAcute pain\n\nRest can help. End.";
    expect(anchorQuote(twice, "Rest can help.")?.start).toBe(7);
    const second = selectorsOf(twice, findQuote(twice, "Rest can help.")[1]);
    expect(anchorQuote(twice, "Rest can help.", { prefix: second.prefix, suffix: second.suffix })?.start).toBe(second.start);
  });

  it("checks a section against the lines before the quote", () => {
    const start = text.indexOf("Rest can help.");
    expect(sectionProblem(text, start, "Heat Therapy", false)).toBeNull();
    expect(sectionProblem(text, 0, "Rest can help.", false)).toMatch(/not a heading of the source's text before the quote/);
    expect(sectionProblem(text, start, "Heat Therapy", true)).toMatch(/is a line of the source's text/);
    expect(sectionProblem(text, start, "Warmth", true)).toBeNull();
  });
});
