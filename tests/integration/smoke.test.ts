import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it("opens a tender", async () => {
  const result = await h.command("new Field service platform");
  expect(result.response.status).toBe(200);
  console.log(
    result.replies,
    h.fake.calls().map((c) => c.method),
  );
  const tender = await h.db.tender.findFirst();
  expect(tender?.number).toBe(1);
});
