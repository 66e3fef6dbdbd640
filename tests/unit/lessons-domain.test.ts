import { describe, expect, it } from "vitest";
import {
  formatLessonQuery,
  lessonSchema,
  nextPageValue,
  parseLessonQuery,
  parseTags,
  titleFrom,
} from "../../src/features/lessons/domain.js";
import { lessonOptionText } from "../../src/features/lessons/views.js";

function query(text: string) {
  const parsed = parseLessonQuery(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.query;
}

describe("the lessons search grammar", () => {
  it("separates words from filters, in any order", () => {
    expect(query("offline sync tender:T-3 seller:Acme tag:Field")).toEqual({
      text: "offline sync",
      tenderNumber: 3,
      seller: "Acme",
      tag: "field",
      page: 1,
    });
    expect(query("tag:hardware batteries page:2")).toEqual({ text: "batteries", tag: "hardware", page: 2 });
    expect(query("")).toEqual({ text: "", page: 1 });
  });

  it("takes quoted values with spaces and bare tender numbers", () => {
    expect(query('seller:"Acme Consulting" tender:7 "exact phrase"')).toEqual({
      text: '"exact phrase"',
      seller: "Acme Consulting",
      tenderNumber: 7,
      page: 1,
    });
  });

  it("treats a filter word inside another word as text", () => {
    expect(query("mytag:x")).toEqual({ text: "mytag:x", page: 1 });
  });

  it("explains a filter without a value or with a bad one", () => {
    expect(parseLessonQuery("tender:")).toEqual({
      ok: false,
      problem: "`tender:` needs a value, e.g. `tender:T-3`.",
    });
    expect(parseLessonQuery("tender:R-1")).toMatchObject({ ok: false });
    expect(parseLessonQuery("page:0")).toMatchObject({ ok: false });
    expect(parseLessonQuery("page:101")).toMatchObject({ ok: false });
    expect(parseLessonQuery("x".repeat(301))).toMatchObject({ ok: false });
  });

  it("writes a query back so that it reads the same, with the next page", () => {
    const parsed = query('offline seller:"Acme Consulting" tag:field tender:T-2');
    expect(formatLessonQuery(parsed)).toBe('offline tender:T-2 seller:"Acme Consulting" tag:field');
    expect(nextPageValue(parsed)).toBe('offline tender:T-2 seller:"Acme Consulting" tag:field page:2');
    expect(query(nextPageValue(parsed))).toEqual({ ...parsed, page: 2 });
  });
});

describe("lesson fields", () => {
  it("normalises tags and drops duplicates", () => {
    expect(parseTags("Offline, #Field Service,\noffline, ,")).toEqual(["offline", "field-service"]);
  });

  it("requires title, situation and lesson, and keeps optional fields empty", () => {
    const ok = lessonSchema.safeParse({
      title: " T ",
      situation: "S",
      lesson: "L",
      recommendation: "",
      tags: "",
    });
    expect(ok.success && ok.data).toEqual({ title: "T", situation: "S", lesson: "L", tags: [] });
    const bad = lessonSchema.safeParse({ title: "", situation: "", lesson: "", tags: "a".repeat(31) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "lesson",
      "situation",
      "tags",
      "title",
    ]);
  });

  it("takes a message's first line as a title within the limit", () => {
    expect(titleFrom("First line\nsecond")).toBe("First line");
    expect(titleFrom("x".repeat(200))).toHaveLength(150);
  });

  it("fits a lesson into a menu option of at most 75 characters", () => {
    const text = lessonOptionText({
      id: 12345,
      title: "word ".repeat(40),
      organisation: "A very long seller name indeed Ltd",
    });
    expect(text.length).toBeLessThanOrEqual(75);
    expect(text.startsWith("L-12345 · word")).toBe(true);
  });
});
