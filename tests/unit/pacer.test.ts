import { describe, expect, it } from "vitest";
import { ChannelPacer } from "../../src/slack/pacer.js";

describe("ChannelPacer", () => {
  it("spaces posts in one channel from the answer of the previous one, in order", async () => {
    const pacer = new ChannelPacer(100);
    const started: [string, number][] = [];
    const t0 = Date.now();
    const post = (channel: string, label: string, takesMs: number) =>
      pacer.run(channel, async () => {
        started.push([label, Date.now() - t0]);
        await new Promise((resolve) => setTimeout(resolve, takesMs));
        return label;
      });
    const results = await Promise.all([
      post("C1", "a", 50),
      post("C1", "b", 0),
      post("C2", "x", 0),
      post("C1", "c", 0),
    ]);
    expect(results).toEqual(["a", "b", "x", "c"]);
    const at = Object.fromEntries(started);
    expect(at.x).toBeLessThan(40);
    expect(at.b).toBeGreaterThanOrEqual(145);
    expect(at.c).toBeGreaterThanOrEqual((at.b ?? 0) + 95);
    expect(started.map(([label]) => label).filter((label) => label !== "x")).toEqual(["a", "b", "c"]);
  });

  it("keeps the queue going after a failed post", async () => {
    const pacer = new ChannelPacer(10);
    await expect(pacer.run("C1", () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    await expect(pacer.run("C1", async () => "next")).resolves.toBe("next");
  });
});
