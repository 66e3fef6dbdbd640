import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import {
  type ImprovementChartInput,
  improvementChart,
  svgToPng,
} from "../../src/features/business-case/chart.js";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

function decode(raw: string): string {
  return raw.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([\da-f]+));|&/gi, (whole, named, dec, hex) => {
    if (whole === "&") throw new Error(`a bare & in ${JSON.stringify(raw)}`);
    if (named) return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[named as "amp"];
    return String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex, 16));
  });
}

/**
 * The elements of an XML document, with attributes and text decoded; throws where a strict XML
 * parser would refuse it: unbalanced tags, a bare `<` or `&`, duplicate or unquoted attributes.
 */
function parseXml(xml: string): XmlElement[] {
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) throw new Error(`not well-formed at ${at}: ${xml.slice(at, at + 60)}`);
    const [, closing, name = "", attributeText = "", selfClosing, text] = match;
    if (text !== undefined) {
      const parent = open.at(-1);
      if (!parent) throw new Error(`text outside the root at ${at}`);
      parent.text += decode(text);
    } else if (closing) {
      if (open.pop()?.name !== name) throw new Error(`</${name}> closes nothing open at ${at}`);
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key = "", value = ""] of attributeText.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
        if (key in attributes) throw new Error(`attribute ${key} twice at ${at}`);
        attributes[key] = decode(value);
      }
      const element = { name, attributes, text: "" };
      elements.push(element);
      if (!selfClosing) open.push(element);
    }
  }
  if (open.length > 0) throw new Error(`<${open.at(-1)?.name}> is never closed`);
  return elements;
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const bars = (elements: XmlElement[]) =>
  elements.filter((element) => element.attributes["aria-roledescription"] === "bar");
/** Every line of text drawn; a text of several lines holds one tspan each. */
const texts = (elements: XmlElement[]) =>
  elements
    .filter((element) => (element.name === "text" || element.name === "tspan") && element.text !== "")
    .map((element) => element.text);

function input(overrides: Partial<ImprovementChartInput> = {}): ImprovementChartInput {
  const estimates: Record<string, Record<string, number>> = {
    "M-1": { "Northwind Field Services": 0.85, "Contoso Service Cloud": 1.3 },
    "M-2": { "Northwind Field Services": -0.2, "Contoso Service Cloud": 0 },
  };
  return {
    title: "T-3 · Field service platform: improvement toward target",
    metrics: [
      { ref: "M-1", name: "First-time fix rate" },
      { ref: "M-2", name: "Mean time to repair" },
    ],
    sellers: ["Northwind Field Services", "Contoso Service Cloud", "Fabrikam Mobile Workforce"],
    improvement: (metric, seller) => estimates[metric]?.[seller] ?? null,
    ...overrides,
  };
}

describe("improvementChart", () => {
  it("draws a PNG whose header gives the size it reports", async () => {
    const chart = await improvementChart(input());
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.height).toBeGreaterThan(150);
  });

  it("names every metric and seller, in their order, and marks the target in every panel", async () => {
    const metrics = Array.from({ length: 12 }, (_, i) => ({ ref: `M-${i + 1}`, name: `Metric ${i + 1}` }));
    const chart = await improvementChart(input({ metrics, improvement: () => 0.5 }));
    const elements = parseXml(chart.svg);
    const headers = texts(elements).filter((text) => /^M-\d+ · /.test(text));
    expect(headers.map((text) => text.split(" · ")[0])).toEqual(metrics.map((metric) => metric.ref));
    const axis = elements.find((element) => element.attributes["aria-label"]?.startsWith("Y-axis"));
    expect(axis?.attributes["aria-label"]).toContain(input().sellers.join(", "));
    for (const seller of input().sellers) expect(texts(elements)).toContain(seller);
    const targets = elements.filter((element) => element.attributes["aria-roledescription"] === "rule mark");
    expect(targets.map((element) => element.attributes["aria-label"])).toEqual(metrics.map(() => "target"));
  });

  it("shows a seller without an estimate as absent, and an estimate of 0 as a bar of its own", async () => {
    const elements = parseXml((await improvementChart(input())).svg);
    const drawn = bars(elements).map((bar) => bar.attributes["aria-label"]);
    expect(drawn).toEqual(
      expect.arrayContaining([
        "Northwind Field Services, M-1: 85%",
        "Contoso Service Cloud, M-1: 130%",
        "Northwind Field Services, M-2: -20%",
        "Contoso Service Cloud, M-2: 0%",
      ]),
    );
    expect(drawn).toHaveLength(4);
    expect(drawn.filter((label) => label?.startsWith("Fabrikam"))).toEqual([]);
    expect(texts(elements).filter((text) => text === "not quantified")).toHaveLength(2);
  });

  it("clips a bar beyond 150% to the panel but labels the real value", async () => {
    const chart = await improvementChart(
      input({ sellers: ["Far"], improvement: (metric) => (metric === "M-1" ? 3.2 : 1) }),
    );
    const elements = parseXml(chart.svg);
    expect(texts(elements)).toContain("320%");
    const rightEnd = (label: string) => {
      const bar = bars(elements).find((element) => element.attributes["aria-label"] === label);
      const xs = [...(bar?.attributes.d ?? "").matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(([, x]) => Number(x));
      return Math.max(...xs);
    };
    // From -50%, 150% is 200 parts of the way and the target 150.
    expect(rightEnd("Far, M-1: 320%") / rightEnd("Far, M-2: 100%")).toBeCloseTo(200 / 150, 1);
  });

  it("keeps the SVG well-formed and the names intact whatever they hold", async () => {
    const hostile = `<b>&"' Ünïcødé`;
    const chart = await improvementChart(
      input({
        title: `T-9 · ${hostile}`,
        metrics: [{ ref: "M-1", name: hostile }],
        sellers: [hostile, "O'Brien & Sons <Ltd>"],
        improvement: () => 0.5,
      }),
    );
    const elements = parseXml(chart.svg);
    expect(texts(elements)).toEqual(
      expect.arrayContaining([`T-9 · ${hostile}`, hostile, "O'Brien & Sons <Ltd>"]),
    );
    expect(texts(elements).some((text) => text.startsWith("M-1 · <b>&"))).toBe(true);
    expect(bars(elements).map((bar) => bar.attributes["aria-label"])).toEqual([
      `${hostile}, M-1: 50%`,
      "O'Brien & Sons <Ltd>, M-1: 50%",
    ]);
    expect(new Resvg(chart.svg).render().width).toBeGreaterThan(0);
  });

  it("draws its text: the same chart without any text is a different picture", async () => {
    const { svg } = await improvementChart(input());
    const withText = await svgToPng(svg);
    const withoutText = await svgToPng(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ""));
    expect(svg).toMatch(/<text\b/);
    expect(withoutText.png.equals(withText.png)).toBe(false);
  });

  it("draws 50 sellers over 20 metrics in one picture of sane size", async () => {
    const sellers = Array.from({ length: 50 }, (_, i) => `Seller ${i + 1}`);
    const metrics = Array.from({ length: 20 }, (_, i) => ({ ref: `M-${i + 1}`, name: `Metric ${i + 1}` }));
    const chart = await improvementChart(
      input({
        sellers,
        metrics,
        improvement: (metric, seller) => ((metric.length * seller.length) % 17) / 10,
      }),
    );
    const size = pngSize(chart.png);
    expect(size.width).toBeLessThanOrEqual(4000);
    expect(size.height).toBeLessThanOrEqual(8000);
    const elements = parseXml(chart.svg);
    expect(bars(elements)).toHaveLength(1000);
    expect(texts(elements).join("\n")).not.toContain("Showing the first");
  });

  it("says what it leaves out when there are more metrics and sellers than fit", async () => {
    const sellers = Array.from({ length: 70 }, (_, i) => `Seller ${i + 1}`);
    const metrics = Array.from({ length: 40 }, (_, i) => ({ ref: `M-${i + 1}`, name: `Metric ${i + 1}` }));
    const chart = await improvementChart(input({ sellers, metrics, improvement: () => 0.5 }));
    const subtitle = texts(parseXml(chart.svg)).find((text) => text.startsWith("Showing"));
    expect(subtitle).toMatch(/^Showing the first \d+ of 40 metrics and the first 60 of 70 sellers$/);
    expect(pngSize(chart.png).height).toBeLessThanOrEqual(4000);
  });
});
