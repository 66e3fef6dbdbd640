/**
 * The sandbox page in headless Chromium, against the real app: what a person clicks and types
 * travels as Slack's signed requests to the app's receiver, and what the app sends comes back to
 * the page through the local Slack.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserTestsRun, buildPageIfStale, launchChromium } from "../support/browser.js";
import { type SandboxHarness, startSandboxHarness } from "../support/sandbox.js";

const OLIVIA = "U0OLIVIA";
const SAM = "U0SAMSTONE";
const GINA = "U0GINAGOLD";
const TEAM = "tender-grid-sensors";
const ACME = "tender-grid-sensors-acme-grid-systems";
const GLOBEX = "tender-grid-sensors-globex-energy";
const WAIT = { timeout: 20_000 };

describe.skipIf(!browserTestsRun())("the sandbox in Chromium", () => {
  let h: SandboxHarness;
  let browser: Browser;

  beforeAll(async () => {
    buildPageIfStale();
    [h, browser] = await Promise.all([startSandboxHarness(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(as: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (error) => {
      throw error;
    });
    await page.goto(h.route(`/?as=${as}`));
    return page;
  }

  async function inChannel(page: Page, name: string): Promise<void> {
    await page.getByTestId(`channel-${name}`).click();
  }

  /** Types a line into a composer and sends it with Enter. */
  async function type(composer: Locator, text: string): Promise<void> {
    await composer.fill(text);
    await composer.press("Enter");
  }

  function field(page: Page, blockId: string): Locator {
    return page
      .getByTestId("modal")
      .locator(`[data-block-id="${blockId}"]`)
      .locator("input, textarea")
      .first();
  }

  function message(page: Page, text: string | RegExp): Locator {
    return page.getByTestId("message").filter({ hasText: text });
  }

  /** The same person, as the page shows them after switching at the top of the sidebar. */
  async function switchTo(page: Page, as: string): Promise<void> {
    await page.getByTestId("person-switcher").selectOption(as);
    await expect.poll(() => new URL(page.url()).searchParams.get("as"), WAIT).toBe(as);
  }

  it("lets a buyer open a tender and invite a seller, the seller answer in its thread and share a lesson, and the buyer see both and revise", async () => {
    const buyer = await open(OLIVIA);
    await inChannel(buyer, "general");
    await type(buyer.getByTestId("composer"), "/tender new");
    await field(buyer, "title").waitFor(WAIT);
    await field(buyer, "title").fill("Grid sensors");
    await field(buyer, "goal").fill(
      "Sensors on every substation feeder, so that faults are found in minutes.",
    );
    await buyer.getByTestId("modal-submit").click();
    await buyer.getByTestId("modal").waitFor({ state: "detached", ...WAIT });
    await inChannel(buyer, TEAM);

    await type(buyer.getByTestId("composer"), "/tender invite Acme Grid Systems sam@acmegrid.example");
    await buyer.getByTestId(`channel-${ACME}`).waitFor(WAIT);
    await type(buyer.getByTestId("composer"), "/tender invite Globex Energy gina@globex.example");
    await buyer.getByTestId(`channel-${GLOBEX}`).waitFor(WAIT);

    const seller = await open(SAM);
    await seller.getByTestId(`invitation-accept-${ACME}`).click(WAIT);
    await inChannel(seller, ACME);
    await message(seller, "Welcome").first().waitFor(WAIT);

    await type(
      buyer.getByTestId("composer"),
      "/tender require Feeder fault location | Locate a feeder fault to within 500 metres within 5 minutes.",
    );
    const post = message(seller, "Feeder fault location").first();
    await post.waitFor(WAIT);

    // The seller answers in the requirement's thread.
    await post.hover();
    await post.getByTestId("thread-start").click();
    await type(
      seller.getByTestId("thread-composer"),
      "Our sensors locate faults to 300 metres; is the 5 minutes counted from the fault or from the alarm?",
    );
    await seller
      .getByTestId("thread-pane")
      .getByText("counted from the fault or from the alarm")
      .waitFor(WAIT);

    // And shares a lesson learned through the form.
    await post.locator('[data-action-id="lesson_share"]').first().click();
    await field(seller, "title").waitFor(WAIT);
    await field(seller, "title").fill("Calibrate sensors per feeder type");
    await field(seller, "situation").fill("A 400-feeder rollout for a regional grid operator in 2025.");
    await field(seller, "lesson").fill(
      "Overhead and cable feeders need their own thresholds, or alarms flood the control room.",
    );
    await seller.getByTestId("modal-submit").click();
    await seller.getByTestId("modal").waitFor({ state: "detached", ...WAIT });

    // The buyer sees both mirrored into the team channel: the reply in the requirement's thread.
    const teamCopy = message(buyer, "Feeder fault location").filter({
      has: buyer.getByTestId("thread-open"),
    });
    await teamCopy.getByTestId("thread-open").click(WAIT);
    await buyer
      .getByTestId("thread-pane")
      .getByText("counted from the fault or from the alarm")
      .waitFor(WAIT);
    await buyer.getByText("Calibrate sensors per feeder type").first().waitFor(WAIT);

    // And revises the requirement with that input; the seller's copy shows the new version.
    await type(buyer.getByTestId("composer"), "/tender revise R-1");
    await field(buyer, "details").waitFor(WAIT);
    await field(buyer, "details").fill(
      "Locate a feeder fault to within 500 metres within 5 minutes of the fault, on overhead and cable feeders alike.",
    );
    await buyer
      .getByTestId("modal")
      .locator("[data-block-id] textarea")
      .last()
      .fill("Counted from the fault; thresholds per feeder type, as a seller suggested.");
    await buyer.getByTestId("modal-submit").click();
    await buyer.getByTestId("modal").waitFor({ state: "detached", ...WAIT });
    await message(seller, "on overhead and cable feeders alike").first().waitFor(WAIT);

    await buyer.close();
    await seller.close();
  }, 120_000);

  it("never shows a seller the other seller's channel, nor the buyer's team channel", async () => {
    const gina = await open(GINA);
    await gina.getByTestId(`invitation-accept-${GLOBEX}`).click(WAIT);
    await gina.getByTestId(`channel-${GLOBEX}`).waitFor(WAIT);
    const channels = await gina
      .locator('[data-testid^="channel-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")));
    expect(channels).toContain(`channel-${GLOBEX}`);
    expect(channels).not.toContain(`channel-${ACME}`);
    expect(channels).not.toContain(`channel-${TEAM}`);
    // The person switcher names everyone the sandbox plays; what Gina is shown names no one of Acme.
    expect(await gina.locator("main").textContent()).not.toContain("Acme");

    // Switching person in the same page shows only that person's channels.
    await switchTo(gina, SAM);
    await gina.getByTestId(`channel-${ACME}`).waitFor(WAIT);
    expect(await gina.getByTestId(`channel-${GLOBEX}`).count()).toBe(0);

    // Typing another seller's channel into the address gets nothing of it either.
    const state = await gina.evaluate(
      async (url) => (await fetch(url)).status,
      h.route(`/sandbox/state?as=${SAM}`),
    );
    expect(state).toBe(200);
    await gina.close();
  }, 60_000);

  it("loads the demo tender from its button, shows it on the Home, and refuses what Slack refuses", async () => {
    const ben = await open("U0BENJAMIN");
    await ben.getByTestId("demo-button").click();
    const demo = ben.getByTestId("channel-tender-smart-meter-rollout-2027");
    await demo.waitFor({ timeout: 90_000 });
    await ben.getByTestId("channel-app").click();
    await ben.getByTestId("home-tab").click();
    await ben.getByTestId("home-view").getByText("Smart meter rollout 2027").first().waitFor(WAIT);

    // A form sent back incomplete shows the error at its field, and nothing is created.
    await demo.click();
    const tenders = await h.db.tender.count();
    await type(ben.getByTestId("composer"), "/tender new");
    await field(ben, "title").waitFor(WAIT);
    await ben.getByTestId("modal-submit").click();
    await ben.getByTestId("modal").getByText("Please complete this required field.").first().waitFor(WAIT);
    await ben.getByTestId("modal-cancel").click();
    await ben.getByTestId("modal").waitFor({ state: "detached", ...WAIT });
    expect(await h.db.tender.count()).toBe(tenders);

    // The tender record arrives as files to download, as Slack shares them.
    await type(ben.getByTestId("composer"), "/tender export");
    const workbook = ben.locator('a[href*="/sandbox/files/"][download$=".xlsx"]').first();
    await workbook.waitFor({ timeout: 60_000 });
    const href = (await workbook.getAttribute("href")) ?? "";
    const bytes = Buffer.from(await (await fetch(new URL(href, h.route("/")))).arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    // A seller's person cannot run the buyer's app commands, as in a Slack Connect channel.
    const priya = await open("U0PRIYA");
    await inChannel(priya, "tender-smart-meter-rollout-2027-acme-grid-systems");
    await type(priya.getByTestId("composer"), "/tender status");
    await priya.getByTestId("composer-error").getByText("aren't available to you").waitFor(WAIT);
    await ben.close();
    await priya.close();
  }, 120_000);
});
