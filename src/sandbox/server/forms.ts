/**
 * A person's modals: opened by the app with a trigger id of theirs, submitted and closed from the
 * top of their stack, answered as Slack answers a form (`errors`, `update`, `push`, `clear`, or
 * closed).
 */
import { SandboxRefusalError } from "../actor.js";
import type { SandboxPerson, SubmitInput } from "../contract.js";
import type { RecordedCall } from "../slack/index.js";
import { isRecord, type Json, withBlockIds } from "./blocks.js";
import type { ClientContext } from "./context.js";
import { VERIFICATION_TOKEN } from "./payloads.js";
import { echo, personOf, userObject } from "./people.js";
import { type Pickable, REQUIRED_FIELD, stateValues } from "./values.js";

/** People of the workspace, and channels the person is in, are what a form's pickers offer. */
export function pickable(ctx: ClientContext, person: SandboxPerson): Pickable {
  return {
    user: (id) => ctx.slack.user(id) !== undefined,
    conversation: (id) => ctx.slack.channel(id)?.members.has(person.id) === true,
  };
}

/** The view of the person's modal on top, as Slack sends it in payloads; refused otherwise. */
export function topModal(ctx: ClientContext, person: SandboxPerson, viewId: string): Json {
  const stack = ctx.ledger.modals(person.id);
  const view = stack.includes(viewId) ? ctx.slack.viewPayload(viewId) : undefined;
  if (!view) throw new SandboxRefusalError(`${person.name} has no open form ${echo(viewId)}.`, 404);
  if (stack.at(-1) !== viewId) {
    throw new SandboxRefusalError(
      "That form is under another one: finish or close the one on top first.",
      400,
    );
  }
  // A pushed modal names the one under it and the first of its stack, as Slack's payloads do.
  return { ...view, previous_view_id: stack.at(-2) ?? null, root_view_id: stack[0] ?? viewId };
}

/** Follows the app's views.open / views.push / views.update calls onto the people's stacks. */
export function trackViews(ctx: Pick<ClientContext, "slack" | "ledger">, call: RecordedCall): void {
  if (call.ok !== true) return;
  const { slack, ledger } = ctx;
  if (call.method === "views.open" || call.method === "views.push") {
    const trigger = String(call.args.trigger_id ?? "");
    const person = ledger.personOfTrigger(trigger);
    const view = person && slack.views().find((candidate) => candidate.triggerId === trigger);
    if (!person || !view) return;
    if (call.method === "views.open") ledger.openModal(person, view.id);
    else ledger.pushModal(person, view.id);
  } else if (call.method === "views.update" && typeof call.args.view_id === "string") {
    // An updated view shows no errors of the submission before.
    ledger.setErrors(call.args.view_id, {});
  }
}

function viewEnvelope(ctx: ClientContext, person: SandboxPerson, view: Json): Json {
  return {
    team: { id: person.teamId, domain: ctx.slack.teamDomain },
    user: userObject(ctx.slack, person),
    api_app_id: ctx.requests.apiAppId,
    token: VERIFICATION_TOKEN,
    view,
    is_enterprise_install: false,
    enterprise: null,
  };
}

function readAnswer(body: string): Json {
  if (body.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function errorsOf(answer: Json): Record<string, string> {
  const errors: Record<string, string> = {};
  if (isRecord(answer.errors)) {
    for (const [block, error] of Object.entries(answer.errors)) errors[block] = String(error);
  }
  return errors;
}

export async function submit(
  ctx: ClientContext,
  input: SubmitInput,
): Promise<{ errors: Record<string, string> }> {
  const { slack, ledger } = ctx;
  const person = personOf(slack, input.as);
  const view = topModal(ctx, person, input.viewId);
  if (!isRecord(view.submit)) throw new SandboxRefusalError("That form has no submit button.", 400);
  const blocks = withBlockIds(view.blocks);
  const { values, empty } = stateValues(blocks, input.values, pickable(ctx, person));
  if (empty.length > 0) {
    // Slack's client marks the empty fields itself and sends nothing.
    const errors = Object.fromEntries(empty.map((block) => [block, REQUIRED_FIELD]));
    ledger.setErrors(input.viewId, errors);
    ledger.changed();
    return { errors };
  }
  const response = await ctx.forward.interaction({
    type: "view_submission",
    trigger_id: ledger.mintTrigger(person.id),
    response_urls: [],
    ...viewEnvelope(ctx, person, { ...view, blocks, state: { values } }),
  });
  const answer = readAnswer(response.body);
  const errors = answer.response_action === "errors" ? errorsOf(answer) : {};
  applyAnswer(ctx, person, input.viewId, answer);
  ledger.setErrors(input.viewId, errors);
  ledger.changed();
  return { errors };
}

function applyAnswer(ctx: ClientContext, person: SandboxPerson, viewId: string, answer: Json): void {
  const { slack, ledger } = ctx;
  switch (answer.response_action) {
    case "errors":
      return;
    case "update":
      if (isRecord(answer.view)) slack.replaceView(viewId, answer.view);
      return;
    case "push":
      if (isRecord(answer.view)) ledger.pushModal(person.id, slack.pushViewFor(person.id, answer.view));
      return;
    case "clear":
      ledger.closeAllModals(person.id);
      return;
    default:
      ledger.closeModal(person.id, viewId);
  }
}

export async function close(ctx: ClientContext, input: { as: string; viewId: string }): Promise<void> {
  const person = personOf(ctx.slack, input.as);
  const view = topModal(ctx, person, input.viewId);
  ctx.ledger.closeModal(person.id, input.viewId);
  ctx.ledger.changed();
  if (view.notify_on_close !== true) return;
  await ctx.forward.interaction({
    type: "view_closed",
    is_cleared: false,
    ...viewEnvelope(ctx, person, { ...view, blocks: withBlockIds(view.blocks) }),
  });
}
