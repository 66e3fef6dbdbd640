import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { renderAsync } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** What the compare view draws: per key metric, how far each seller's estimate goes toward the target. */
export interface ImprovementChartInput {
  /** e.g. "T-3 · Field service platform: improvement toward target" */
  title: string;
  /** One panel each, in this order. */
  metrics: { ref: string; name: string }[];
  /** One bar each in every panel, in this order; the names are unique. */
  sellers: string[];
  /**
   * Share of the way from baseline to target for a metric ref and seller name: 0 = baseline,
   * 1 = target, may be below 0 or above 1; null = not quantified.
   */
  improvement: (metricRef: string, seller: string) => number | null;
}

export interface ImprovementChart {
  png: Buffer;
  svg: string;
  width: number;
  height: number;
}

/** The font of every text in the chart, shipped as a package so that text renders on any machine. */
const FONT = "DejaVu Sans";
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};

/** Widths in em of a TrueType font's characters, from its `cmap` (format 12) and `hmtx` tables. */
function advanceWidths(file: string): (char: number) => number {
  const font = readFileSync(file);
  const table = (tag: string): number => {
    for (let entry = 12; entry < 12 + 16 * font.readUInt16BE(4); entry += 16) {
      if (font.toString("latin1", entry, entry + 4) === tag) return font.readUInt32BE(entry + 8);
    }
    throw new Error(`${file} has no ${tag} table`);
  };
  const unitsPerEm = font.readUInt16BE(table("head") + 18);
  const metrics = font.readUInt16BE(table("hhea") + 34);
  const [hmtx, cmap] = [table("hmtx"), table("cmap")];
  let groups = -1;
  for (let record = cmap + 4; record < cmap + 4 + 8 * font.readUInt16BE(cmap + 2); record += 8) {
    const subtable = cmap + font.readUInt32BE(record + 4);
    if (font.readUInt16BE(record) === 3 && font.readUInt16BE(subtable) === 12) groups = subtable;
  }
  if (groups < 0) throw new Error(`${file} has no Unicode character map`);
  const glyph = (char: number): number => {
    for (let i = 0, group = groups + 16; i < font.readUInt32BE(groups + 12); i++, group += 12) {
      const start = font.readUInt32BE(group);
      if (char < start) break;
      if (char <= font.readUInt32BE(group + 4)) return font.readUInt32BE(group + 8) + char - start;
    }
    return 0;
  };
  const known = new Map<number, number>();
  return (char) => {
    const width =
      known.get(char) ?? font.readUInt16BE(hmtx + 4 * Math.min(glyph(char), metrics - 1)) / unitsPerEm;
    known.set(char, width);
    return width;
  };
}

let widths: { regular: (char: number) => number; bold: (char: number) => number } | undefined;

/**
 * Measures text as the PNG draws it. Without a canvas the renderer guesses 0.8 em a character,
 * half as much again as this font takes, and would cut names short and waste room.
 */
function textWidth(item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text: unknown) {
  widths ??= { regular: advanceWidths(FONT_FILES.regular), bold: advanceWidths(FONT_FILES.bold) };
  const width = item.fontWeight === "bold" || Number(item.fontWeight) >= 600 ? widths.bold : widths.regular;
  let ems = 0;
  for (const char of String(text ?? "").trim()) ems += width(char.codePointAt(0) ?? 0);
  // A text longer than its limit is drawn cut to it.
  return Math.min(ems * (item.fontSize ?? 11), item.limit || Number.POSITIVE_INFINITY);
}

/** Bars are drawn within this range (percent of the way to target); the label keeps the real value. */
const DRAWN_FROM = -50;
const DRAWN_TO = 150;
/** The scale goes on past the bars' range to leave room for the label of a bar drawn to its end. */
const LABEL_ROOM_TO = 185;

const PANEL_WIDTH = 260;
/** Characters of a panel title per line; the renderer cuts a longer last line with an ellipsis. */
const HEADER_LINE = 38;
const MAX_COLUMNS = 4;
/** Beyond these the chart stops growing and says what it left out. */
const MAX_SELLERS = 60;
const MAX_HEIGHT = 4000;
/** Room for the titles, the x axis and one panel's header and spacing. */
const TITLE_ROOM = 90;
const PANEL_ROOM = 56;
/** Pixels per CSS pixel in the PNG while it stays below this many pixels. */
const SHARP_SCALE = 2;
const MAX_SHARP_PIXELS = 12_000_000;

interface Row {
  panel: string;
  seller: string;
  /** Percent of the way to target, or null when not quantified. */
  percent: number | null;
  drawn: number | null;
  label: string;
  description: string;
}

const percentFormat = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 });

/** How many sellers and metrics fit, and how the panels are laid out. */
function layout(metricCount: number, sellerCount: number) {
  const sellers = Math.min(sellerCount, MAX_SELLERS);
  const step = sellers <= 12 ? 18 : sellers <= 30 ? 13 : 10;
  // As few columns as keep the rows of panels the same, so that no column stands half empty.
  const columns = metricCount === 0 ? 1 : Math.ceil(metricCount / Math.ceil(metricCount / MAX_COLUMNS));
  const rowHeight = Math.max(1, sellers) * step + PANEL_ROOM;
  const rows = Math.max(1, Math.floor((MAX_HEIGHT - TITLE_ROOM) / rowHeight));
  const metrics = Math.min(metricCount, rows * columns);
  return { sellers, metrics, step, columns, fontSize: step >= 13 ? 11 : 9 };
}

function subtitle(input: ImprovementChartInput, shown: { metrics: number; sellers: number }): string[] {
  const lines = ["0% = baseline, 100% = target; bars drawn from −50% to 150%, labels give the estimate"];
  const left: string[] = [];
  if (shown.metrics < input.metrics.length)
    left.push(`the first ${shown.metrics} of ${input.metrics.length} metrics`);
  if (shown.sellers < input.sellers.length)
    left.push(`the first ${shown.sellers} of ${input.sellers.length} sellers`);
  if (left.length > 0) lines.push(`Showing ${left.join(" and ")}`);
  if (shown.metrics === 0 || shown.sellers === 0)
    lines.push("Nothing to compare yet: no key metric or no seller");
  return lines;
}

/** A metric's panel title: its ref and name over at most two lines (the header splits at "\n"). */
function panelTitle(metric: { ref: string; name: string }): string {
  const lines = [""];
  for (const word of `${metric.ref} · ${metric.name}`.split(/\s+/)) {
    const line = lines.at(-1) ?? "";
    if (line !== "" && line.length + word.length >= HEADER_LINE && lines.length < 2) lines.push(word);
    else lines[lines.length - 1] = line === "" ? word : `${line} ${word}`;
  }
  return lines.join("\n");
}

function rows(
  input: ImprovementChartInput,
  metrics: ImprovementChartInput["metrics"],
  sellers: string[],
): Row[] {
  return metrics.flatMap((metric) => {
    const panel = panelTitle(metric);
    return sellers.map((seller) => {
      const share = input.improvement(metric.ref, seller);
      const known = share !== null && Number.isFinite(share);
      const percent = known ? share * 100 : null;
      const label = known ? percentFormat.format(share) : "not quantified";
      return {
        panel,
        seller,
        percent,
        drawn: percent === null ? null : Math.min(DRAWN_TO, Math.max(DRAWN_FROM, percent)),
        label,
        description: `${seller}, ${metric.ref}: ${label}`,
      };
    });
  });
}

function spec(input: ImprovementChartInput): TopLevelSpec {
  const shape = layout(input.metrics.length, input.sellers.length);
  const metrics = input.metrics.slice(0, shape.metrics);
  const sellers = input.sellers.slice(0, shape.sellers);
  const x = {
    field: "drawn",
    type: "quantitative" as const,
    title: "share of the way from baseline to target",
    scale: { domain: [DRAWN_FROM, LABEL_ROOM_TO], nice: false },
    axis: {
      values: [-50, 0, 50, 100, 150],
      labelExpr:
        "datum.value === 0 ? ['0%', 'baseline'] : datum.value === 100 ? ['100%', 'target'] : datum.value + '%'",
      labelOverlap: false,
      grid: true,
    },
  };
  const y = {
    field: "seller",
    type: "nominal" as const,
    title: null,
    scale: { domain: sellers },
    axis: { labelLimit: 200 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: input.title, subtitle: subtitle(input, shape), anchor: "start" },
    background: "white",
    padding: 12,
    data: { values: rows(input, metrics, sellers) },
    facet: { field: "panel", type: "nominal", title: null, sort: metrics.map(panelTitle) },
    columns: shape.columns,
    // Up to 20 sellers each keeps one colour and the rows line up across a row of panels; beyond
    // that colours repeat, so every panel names its sellers.
    ...(sellers.length > 20 ? { resolve: { axis: { y: "independent" } } } : {}),
    spacing: { row: 16, column: 24 },
    spec: {
      width: PANEL_WIDTH,
      height: { step: shape.step },
      layer: [
        {
          mark: { type: "bar", cornerRadiusEnd: 2 },
          transform: [{ filter: "datum.percent !== null" }],
          encoding: {
            x: { ...x, stack: null },
            y,
            color: {
              field: "seller",
              type: "nominal",
              scale: { domain: sellers, scheme: sellers.length <= 10 ? "tableau10" : "tableau20" },
              legend: null,
            },
            description: { field: "description" },
          },
        },
        {
          mark: { type: "rule", color: "#222", strokeWidth: 1.5, strokeDash: [4, 2] },
          transform: [{ aggregate: [{ op: "count", as: "sellers" }] }],
          encoding: { x: { datum: 100, type: "quantitative" }, description: { value: "target" } },
        },
        {
          mark: { type: "text", align: "left", dx: 3, fontSize: shape.fontSize, aria: false },
          transform: [{ calculate: "datum.drawn === null ? 0 : max(datum.drawn, 0)", as: "at" }],
          encoding: {
            x: { field: "at", type: "quantitative" },
            y,
            text: { field: "label" },
            color: { condition: { test: "datum.percent === null", value: "#888" }, value: "#222" },
          },
        },
      ],
    },
    config: {
      font: FONT,
      view: { stroke: "#ddd" },
      header: {
        labelExpr: "split(datum.label, '\\n')",
        labelFontSize: 11,
        labelFontWeight: "bold",
        labelLimit: PANEL_WIDTH,
        labelAnchor: "start",
      },
      title: { fontSize: 16, subtitleFontSize: 11, subtitleColor: "#555", offset: 12 },
      axis: { labelFontSize: shape.fontSize, titleFontSize: 11 },
    },
  };
}

/** The SVG of a chart spec; text stays data, so names with markup in them are escaped by the renderer. */
async function toSvg(chart: TopLevelSpec): Promise<string> {
  // Vega's hook for measuring text where it has no canvas; the typings do not declare it.
  (vega as unknown as { textMetrics: { width: typeof textWidth } }).textMetrics.width = textWidth;
  const view = new vega.View(vega.parse(compile(chart).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG with the chart's own font, never the machine's, `scale` pixels per CSS pixel. */
export async function svgToPng(svg: string, scale = 1): Promise<Omit<ImprovementChart, "svg">> {
  const image = await renderAsync(svg, {
    font: { fontFiles: Object.values(FONT_FILES), loadSystemFonts: false, defaultFontFamily: FONT },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * The improvement per metric per seller as grouped horizontal bars, one panel of seller bars per
 * metric: a PNG to upload to Slack, and the SVG it was drawn from.
 */
export async function improvementChart(input: ImprovementChartInput): Promise<ImprovementChart> {
  const svg = await toSvg(spec(input));
  const size = /^<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  const pixels = Number(size?.[1] ?? Number.POSITIVE_INFINITY) * Number(size?.[2] ?? 1);
  const image = await svgToPng(svg, pixels * SHARP_SCALE ** 2 <= MAX_SHARP_PIXELS ? SHARP_SCALE : 1);
  return { svg, ...image };
}
