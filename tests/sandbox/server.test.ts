import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REQUIREMENT_FORM } from "../../src/features/requirements/ids.js";
import { INVITE_SELLER } from "../../src/features/sellers/ids.js";
import { INVITE_SELLER_BUTTON, NEW_TENDER } from "../../src/features/tenders/ids.js";
import { SANDBOX_ROUTES, type SandboxMessage, type SandboxSnapshot } from "../../src/sandbox/contract.js";
import { NO_TEXT, TOO_LONG } from "../../src/sandbox/server/actor.js";
import { PAGE_NOT_BUILT } from "../../src/sandbox/server/page.js";
import { EXTERNAL_COMMAND, EXTERNAL_SHORTCUT } from "../../src/sandbox/server/people.js";
import { NOT_ON_MESSAGE } from "../../src/sandbox/server/press.js";
import { REQUIRED_FIELD } from "../../src/sandbox/server/values.js";
import { GENERAL_CHANNEL } from "../../src/sandbox/workspace.js";
import { type SandboxHarness, startSandboxHarness } from "../support/sandbox.js";

const OLIVIA = "U0OLIVIA";
const BEN = "U0BENJAMIN";
const SAM = "U0SAMSTONE";
const GINA = "U0GINAGOLD";

let h: SandboxHarness;
let pageDir: string;
beforeAll(async () => {
  pageDir = await mkdtemp(join(tmpdir(), "sandbox-page-"));
  await writeFile(join(pageDir, "page.js"), "export {};\n");
  h = await startSandboxHarness({ demo: async () => undefined, pageDir });
});
afterAll(async () => {
  await h?.close();
  await rm(pageDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await h.reset();
});

async function post(
  route: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(h.route(route), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function state(as: string): Promise<SandboxSnapshot> {
  const response = await fetch(`${h.route(SANDBOX_ROUTES.state)}?as=${as}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SandboxSnapshot;
}

/** What the app's inbox took in since it started: every request that reached the app. */
async function requestsTaken(): Promise<number> {
  const health = (await (await fetch(`http://127.0.0.1:${h.room.port}/healthz`)).json()) as {
    inbox: Record<string, number>;
  };
  const { kept = 0, refused = 0, redelivered = 0 } = health.inbox;
  return kept + refused + redelivered;
}

async function command(as: string, channel: string, text: string) {
  const answer = await post(SANDBOX_ROUTES.command, { as, channel, text });
  expect(answer).toEqual({ status: 200, body: { ok: true } });
  await h.caughtUp();
}

/** Olivia opens a tender from #general; its team channel as she sees it, with the tender card. */
async function openTender(title = "Grid upgrade") {
  await command(OLIVIA, GENERAL_CHANNEL.id, `/tender new ${title}`);
  const seen = await state(OLIVIA);
  const team = seen.channels.find((channel) => channel.name.startsWith("tender-"));
  if (!team) throw new Error("no tender channel");
  const card = (seen.messages[team.id] ?? []).find((message) => message.pinned);
  if (!card) throw new Error("no tender card");
  return { team, card };
}

function blockWith(message: SandboxMessage, actionId: string): string {
  const block = (message.blocks as { block_id: string; elements?: { action_id?: string }[] }[]).find(
    (candidate) => candidate.elements?.some((element) => element.action_id === actionId),
  );
  if (!block) throw new Error(`no ${actionId} on the message`);
  return block.block_id;
}

describe("the sandbox page and what a person sees", () => {
  it("serves the page, and shows Olivia #general and her DM with the app", async () => {
    const shell = await fetch(h.route(SANDBOX_ROUTES.page));
    expect(shell.headers.get("content-type")).toContain("text/html");
    const html = await shell.text();
    expect(html).toContain("<title>Tender Room sandbox</title>");
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain(`<script type="module" src="${SANDBOX_ROUTES.script}"></script>`);
    const script = await fetch(h.route(SANDBOX_ROUTES.script));
    expect(script.headers.get("content-type")).toContain("text/javascript");
    const style = await fetch(h.route(SANDBOX_ROUTES.style));
    expect(style.status).toBe(503);
    expect(await style.text()).toBe(PAGE_NOT_BUILT);

    const olivia = await state(OLIVIA);
    expect(olivia.me).toMatchObject({ id: OLIVIA, name: "Olivia Ortega", external: false });
    expect(olivia.channels.map((channel) => [channel.name, channel.kind])).toEqual([
      ["general", "channel"],
      ["Tender Room", "app"],
    ]);
    expect(olivia.people.map((person) => person.id)).toEqual([OLIVIA, BEN, SAM, "U0PRIYA", GINA]);
    expect(JSON.stringify(olivia.people)).not.toContain("@");
    expect(olivia).toMatchObject({ invitations: [], modals: [] });
    expect(olivia.home).toBeUndefined();

    expect(await post(SANDBOX_ROUTES.home, { as: OLIVIA })).toEqual({ status: 200, body: { ok: true } });
    await h.caughtUp();
    const home = (await state(OLIVIA)).home;
    expect(home?.type).toBe("home");
    const blocks = (home?.blocks ?? []) as { block_id?: string }[];
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((block) => typeof block.block_id === "string")).toBe(true);
  });

  it("opens the New tender form from /tender new and the tender's channel once it is submitted", async () => {
    await command(OLIVIA, GENERAL_CHANNEL.id, "/tender new");
    const [form] = (await state(OLIVIA)).modals;
    expect(form?.view.callback_id).toBe(NEW_TENDER.callbackId);
    expect((await state(BEN)).modals).toEqual([]);
    const taken = await requestsTaken();

    const empty = await post(SANDBOX_ROUTES.submit, { as: OLIVIA, viewId: form?.id, values: {} });
    expect(empty).toEqual({ status: 200, body: { ok: true, errors: { title: REQUIRED_FIELD } } });
    expect(await requestsTaken()).toBe(taken);

    const values = {
      [NEW_TENDER.title.block]: {
        [NEW_TENDER.title.action]: { type: "plain_text_input", value: "Grid upgrade" },
      },
      [NEW_TENDER.coOwners.block]: {
        [NEW_TENDER.coOwners.action]: { type: "multi_users_select", selected: [BEN] },
      },
    };
    const submitted = await post(SANDBOX_ROUTES.submit, { as: OLIVIA, viewId: form?.id, values });
    expect(submitted).toEqual({ status: 200, body: { ok: true, errors: {} } });
    await h.caughtUp();

    const olivia = await state(OLIVIA);
    expect(olivia.modals).toEqual([]);
    const team = olivia.channels.find((channel) => channel.name === "tender-grid-upgrade");
    expect(team).toMatchObject({ kind: "channel", isPrivate: true, organisations: ["Northwind Utilities"] });
    expect(olivia.messages[team?.id ?? ""]?.some((m) => m.fromApp && m.pinned)).toBe(true);
    expect(
      olivia.messages[GENERAL_CHANNEL.id]?.some((m) => m.ephemeral && m.text.includes("Grid upgrade")),
    ).toBe(true);
    // Ben, a co-owner, is in the channel; the ephemeral was Olivia's alone.
    const ben = await state(BEN);
    expect(ben.channels.map((channel) => channel.id)).toContain(team?.id);
    expect(ben.messages[GENERAL_CHANNEL.id]?.some((m) => m.ephemeral)).toBe(false);
  });

  it("presses a button where it is shown and sends the button's own value; closes the form it opened", async () => {
    const { team, card } = await openTender();
    const pressed = await post(SANDBOX_ROUTES.action, {
      as: OLIVIA,
      channel: team.id,
      messageTs: card.ts,
      blockId: blockWith(card, INVITE_SELLER_BUTTON),
      actionId: INVITE_SELLER_BUTTON,
    });
    expect(pressed).toEqual({ status: 200, body: { ok: true } });
    await h.caughtUp();
    const [form] = (await state(OLIVIA)).modals;
    expect(form?.view.callback_id).toBe(INVITE_SELLER.callbackId);

    expect(await post(SANDBOX_ROUTES.close, { as: OLIVIA, viewId: form?.id })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect((await state(OLIVIA)).modals).toEqual([]);
  });
});

describe("what the app posts to a response_url", () => {
  it("shows it as Slack does: to the person alone, in the channel, replacing or deleting the original", async () => {
    await command(OLIVIA, GENERAL_CHANNEL.id, "/tender help");
    const [help] = h.slack.responses();
    const ephemerals = async (as: string) =>
      ((await state(as)).messages[GENERAL_CHANNEL.id] ?? []).filter((message) => message.ephemeral);
    expect((await ephemerals(OLIVIA)).map((message) => message.text)).toEqual([
      expect.stringContaining("/tender new"),
    ]);
    expect(await ephemerals(BEN)).toEqual([]);

    const answer = async (body: Record<string, unknown>) => {
      const response = await fetch(help?.url ?? "", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    };
    await answer({ replace_original: true, text: "Replaced" });
    expect((await ephemerals(OLIVIA)).map((message) => message.text)).toEqual(["Replaced"]);
    await answer({ response_type: "in_channel", text: "For everyone" });
    expect((await state(BEN)).messages[GENERAL_CHANNEL.id]?.at(-1)).toMatchObject({
      fromApp: true,
      author: "Tender Room",
      ephemeral: false,
      text: "For everyone",
    });
    await answer({ delete_original: true });
    expect(await ephemerals(OLIVIA)).toEqual([]);
  });
});

describe("refusals: nothing the page forges reaches the app", () => {
  it("refuses unknown people, foreign and forged channels, long or malformed requests", async () => {
    const { team, card } = await openTender();
    const taken = await requestsTaken();
    expect(taken).toBeGreaterThan(0);
    const calls = h.slack.calls().length;
    const refusals: [string, unknown, number, string][] = [
      [
        SANDBOX_ROUTES.message,
        { as: "U0NOBODY", channel: GENERAL_CHANNEL.id, text: "hi" },
        404,
        "There is no one called U0NOBODY in the sandbox.",
      ],
      [
        SANDBOX_ROUTES.message,
        { as: GINA, channel: GENERAL_CHANNEL.id, text: "hi" },
        403,
        "Gina Gold is not a member of that channel.",
      ],
      [
        SANDBOX_ROUTES.message,
        { as: SAM, channel: team.id, text: "hi" },
        403,
        "Sam Stone is not a member of that channel.",
      ],
      [
        SANDBOX_ROUTES.message,
        { as: OLIVIA, channel: "C0FORGED", text: "hi" },
        404,
        "There is no channel C0FORGED in the sandbox.",
      ],
      [SANDBOX_ROUTES.message, { as: OLIVIA, channel: team.id, text: "   " }, 400, NO_TEXT],
      [SANDBOX_ROUTES.message, { as: OLIVIA, channel: team.id, text: "x".repeat(40_001) }, 413, TOO_LONG],
      [
        SANDBOX_ROUTES.message,
        { as: OLIVIA, channel: team.id, text: "x".repeat(300_000) },
        413,
        "The request is larger than the sandbox takes (256 KB).",
      ],
      [SANDBOX_ROUTES.message, '{"as": "U0OLIVIA", ', 400, "The request is not valid JSON."],
      [
        SANDBOX_ROUTES.message,
        { as: OLIVIA, channel: team.id, text: "hi", threadTs: "1.000001" },
        404,
        "There is no message 1.000001 in that channel.",
      ],
      [
        SANDBOX_ROUTES.command,
        { as: OLIVIA, channel: team.id, text: "/remind me" },
        400,
        "/remind is not a command here. Try /tender help.",
      ],
      [
        SANDBOX_ROUTES.command,
        { as: SAM, channel: GENERAL_CHANNEL.id, text: "/tender help" },
        403,
        EXTERNAL_COMMAND,
      ],
      [
        SANDBOX_ROUTES.action,
        {
          as: OLIVIA,
          channel: team.id,
          messageTs: card.ts,
          blockId: blockWith(card, INVITE_SELLER_BUTTON),
          actionId: "tender_card_forged",
        },
        400,
        NOT_ON_MESSAGE,
      ],
      [
        SANDBOX_ROUTES.action,
        {
          as: OLIVIA,
          channel: team.id,
          messageTs: card.ts,
          blockId: "forged",
          actionId: INVITE_SELLER_BUTTON,
        },
        400,
        NOT_ON_MESSAGE,
      ],
      [
        SANDBOX_ROUTES.action,
        {
          as: GINA,
          channel: team.id,
          messageTs: card.ts,
          blockId: blockWith(card, INVITE_SELLER_BUTTON),
          actionId: INVITE_SELLER_BUTTON,
        },
        403,
        "Gina Gold is not a member of that channel.",
      ],
      [
        SANDBOX_ROUTES.shortcut,
        { as: SAM, channel: team.id, messageTs: card.ts, callbackId: "lesson_save_message" },
        403,
        EXTERNAL_SHORTCUT,
      ],
      [
        SANDBOX_ROUTES.shortcut,
        { as: OLIVIA, channel: team.id, messageTs: card.ts, callbackId: "forged" },
        400,
        "There is no message shortcut forged here.",
      ],
      [
        SANDBOX_ROUTES.invitation,
        { as: SAM, id: "I0FORGED", accept: true },
        404,
        "Sam Stone has no open invitation I0FORGED.",
      ],
    ];
    for (const [route, body, status, error] of refusals) {
      expect({ route, ...(await post(route, body)) }).toEqual({ route, status, body: { error } });
    }
    const unknown = await fetch(`${h.route(SANDBOX_ROUTES.state)}?as=U0NOBODY`);
    expect(unknown.status).toBe(404);
    expect(await requestsTaken()).toBe(taken);
    expect(h.slack.calls().length).toBe(calls);
    expect(h.slack.messages(team.id).some((message) => message.text === "hi")).toBe(false);
  });

  it("refuses a forged option and another person's form", async () => {
    const { team } = await openTender();
    await command(OLIVIA, team.id, "/tender require");
    const [form] = (await state(OLIVIA)).modals;
    expect(form?.view.callback_id).toBe(REQUIREMENT_FORM.callbackId);
    const taken = await requestsTaken();
    const title = { [REQUIREMENT_FORM.title.action]: { type: "plain_text_input", value: "Offline mode" } };
    const forgedPriority = {
      [REQUIREMENT_FORM.title.block]: title,
      [REQUIREMENT_FORM.priority.block]: {
        [REQUIREMENT_FORM.priority.action]: { type: "static_select", selected: "urgent!" },
      },
    };
    expect(
      await post(SANDBOX_ROUTES.submit, { as: OLIVIA, viewId: form?.id, values: forgedPriority }),
    ).toEqual({
      status: 400,
      body: { error: "The field priority has no option urgent!." },
    });
    const forgedField = {
      [REQUIREMENT_FORM.title.block]: title,
      budget: { amount: { type: "number_input", value: "9" } },
    };
    expect(await post(SANDBOX_ROUTES.submit, { as: OLIVIA, viewId: form?.id, values: forgedField })).toEqual({
      status: 400,
      body: { error: "The form has no field budget/amount." },
    });
    const values = { [REQUIREMENT_FORM.title.block]: title };
    expect(await post(SANDBOX_ROUTES.submit, { as: BEN, viewId: form?.id, values })).toEqual({
      status: 404,
      body: { error: `Ben Okafor has no open form ${form?.id}.` },
    });
    expect(await post(SANDBOX_ROUTES.close, { as: BEN, viewId: form?.id })).toMatchObject({ status: 404 });
    expect(await requestsTaken()).toBe(taken);
    expect((await state(OLIVIA)).modals.map((modal) => modal.id)).toEqual([form?.id]);
  });
});

describe("isolation between the buyer and each seller", () => {
  it("shows Sam his invitation, then only his own seller channel; Gina sees neither", async () => {
    const { team } = await openTender();
    await command(OLIVIA, team.id, "/tender invite Acme sam@acmegrid.example");
    const [invitation] = (await state(SAM)).invitations;
    expect(invitation).toMatchObject({
      channelName: "tender-grid-upgrade-acme",
      from: "Northwind Utilities",
    });
    expect((await state(GINA)).invitations).toEqual([]);
    expect((await state("U0PRIYA")).invitations).toEqual([]);

    const accepted = await post(SANDBOX_ROUTES.invitation, { as: SAM, id: invitation?.id, accept: true });
    expect(accepted).toEqual({ status: 200, body: { ok: true } });
    await h.caughtUp();
    expect(await h.db.seller.findFirstOrThrow()).toMatchObject({
      status: "joined",
      slackTeamId: "T0ACMEGRID",
    });

    const sam = await state(SAM);
    const acme = sam.channels.find((channel) => channel.name === "tender-grid-upgrade-acme");
    // Sam's own organisation first: the channel is shared with the buyer.
    expect(acme).toMatchObject({ shared: true, organisations: ["Acme Grid Systems", "Northwind Utilities"] });
    expect(sam.channels.map((channel) => channel.id)).toEqual([acme?.id, expect.stringMatching(/^D/)]);
    expect(Object.keys(sam.messages).sort()).toEqual(sam.channels.map((channel) => channel.id).sort());
    expect(sam.invitations).toEqual([]);
    expect(JSON.stringify(sam)).not.toContain(team.id);

    const gina = await state(GINA);
    expect(gina.channels.map((channel) => channel.kind)).toEqual(["app"]);
    expect(JSON.stringify(gina)).not.toContain(acme?.id);
    expect(JSON.stringify(gina)).not.toContain(team.id);

    const said = await post(SANDBOX_ROUTES.message, {
      as: SAM,
      channel: acme?.id,
      text: "Glad to be here <3",
    });
    expect(said).toMatchObject({ status: 200, body: { ok: true, ts: expect.any(String) } });
    const olivia = await state(OLIVIA);
    expect(olivia.messages[acme?.id ?? ""]?.at(-1)).toMatchObject({
      user: SAM,
      author: "Sam Stone",
      text: "Glad to be here &lt;3",
      fromApp: false,
    });
    expect(
      await post(SANDBOX_ROUTES.invitation, { as: SAM, id: invitation?.id, accept: true }),
    ).toMatchObject({
      status: 404,
    });
  });

  it("gives a shared file to the people of its channel only", async () => {
    const api = async (method: string, args: Record<string, unknown>) => {
      const response = await fetch(`${h.slack.apiUrl}${method}`, {
        method: "POST",
        headers: { authorization: `Bearer ${h.slack.botToken}`, "content-type": "application/json" },
        body: JSON.stringify(args),
      });
      return (await response.json()) as Record<string, string>;
    };
    const bytes = "# Minutes\n";
    const upload = await api("files.getUploadURLExternal", { filename: "minutes.md", length: bytes.length });
    await fetch(upload.upload_url ?? "", { method: "POST", body: bytes });
    await api("files.completeUploadExternal", {
      files: [{ id: upload.file_id }],
      channel_id: GENERAL_CHANNEL.id,
    });

    const [file] = (await state(OLIVIA)).messages[GENERAL_CHANNEL.id]?.at(-1)?.files ?? [];
    expect(file).toMatchObject({ id: upload.file_id, name: "minutes.md" });
    const download = await fetch(h.route(file?.url ?? ""));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain('attachment; filename="minutes.md"');
    expect(await download.text()).toBe(bytes);
    for (const as of [SAM, "U0NOBODY"]) {
      const refused = await fetch(h.route(`${SANDBOX_ROUTES.files}${upload.file_id}?as=${as}`));
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain("Minutes");
    }
  });
});

describe("the change stream", () => {
  it("tells an open page that the workspace changed after a message", async () => {
    expect((await fetch(`${h.route(SANDBOX_ROUTES.stream)}?as=U0NOBODY`)).status).toBe(404);
    const controller = new AbortController();
    const stream = await fetch(`${h.route(SANDBOX_ROUTES.stream)}?as=${BEN}`, { signal: controller.signal });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const reader = stream.body?.getReader();
    if (!reader) throw new Error("no stream body");
    const versions: number[] = [];
    const decoder = new TextDecoder();
    const nextEvent = async () => {
      const { value } = await reader.read();
      for (const match of decoder.decode(value).matchAll(/event: changed\ndata: (\{.*\})/g)) {
        versions.push((JSON.parse(match[1] ?? "{}") as { version: number }).version);
      }
    };
    await nextEvent();
    const before = versions.at(-1) ?? 0;
    await post(SANDBOX_ROUTES.message, { as: OLIVIA, channel: GENERAL_CHANNEL.id, text: "Morning all" });
    while ((versions.at(-1) ?? 0) <= before) await nextEvent();
    controller.abort();
    expect((await state(BEN)).messages[GENERAL_CHANNEL.id]?.at(-1)).toMatchObject({
      author: "Olivia Ortega",
      text: "Morning all",
    });
  });
});
