/**
 * A press on a button, select, overflow menu or date picker, found where the person sees it (a
 * message, their ephemeral, their top modal, their Home) and sent as Slack's `block_actions`.
 * The element's own value goes to the app, never one from the page.
 */
import { SandboxRefusalError } from "../actor.js";
import type { ActionInput, SandboxPerson } from "../contract.js";
import { nowTs } from "../slack/ids.js";
import { findElement, type Json, optionWithValue, withBlockIds } from "./blocks.js";
import type { ClientContext } from "./context.js";
import { pickable, topModal } from "./forms.js";
import { messageObject, VERIFICATION_TOKEN } from "./payloads.js";
import { channelFor, echo, personOf, userObject } from "./people.js";
import { stateValues } from "./values.js";

export const NOT_ON_MESSAGE = "That button is not on that message.";
const NOT_ON_FORM = "That button is not on that form.";
const NOT_ON_HOME = "That button is not on your Home.";

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** The action as Slack reports it: what the element is and what the person chose in it. */
function actionOf(ctx: ClientContext, blockId: string, element: Json, input: ActionInput): Json {
  const type = String(element.type);
  const base = { type, action_id: element.action_id, block_id: blockId, action_ts: nowTs() };
  const chosen = () => {
    if (input.selected === undefined) throw new SandboxRefusalError("Say which option was picked.", 400);
    const option = optionWithValue(element, input.selected);
    if (!option) throw new SandboxRefusalError(`That menu has no option ${echo(input.selected)}.`, 400);
    return option;
  };
  switch (type) {
    case "button":
      return {
        ...base,
        text: element.text,
        ...(element.value === undefined ? {} : { value: element.value }),
        ...(element.style === undefined ? {} : { style: element.style }),
      };
    case "static_select":
    case "overflow":
    case "radio_buttons":
      return { ...base, selected_option: chosen() };
    case "datepicker":
      if (input.date === undefined || !isDate(input.date)) {
        throw new SandboxRefusalError("Pick a date as yyyy-mm-dd.", 400);
      }
      return { ...base, selected_date: input.date };
    case "users_select":
      if (input.selected === undefined || !ctx.slack.user(input.selected)) {
        throw new SandboxRefusalError("Pick a person of the sandbox.", 400);
      }
      return { ...base, selected_user: input.selected };
    default:
      throw new SandboxRefusalError(`A ${echo(type)} cannot be used in the sandbox.`, 400);
  }
}

function common(ctx: ClientContext, person: SandboxPerson): Json {
  return {
    type: "block_actions",
    user: userObject(ctx.slack, person),
    api_app_id: ctx.requests.apiAppId,
    token: VERIFICATION_TOKEN,
    trigger_id: ctx.ledger.mintTrigger(person.id),
    team: { id: ctx.slack.teamId, domain: ctx.slack.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** A press on a message or on one of the person's ephemerals in a channel they are in. */
function onMessage(ctx: ClientContext, person: SandboxPerson, input: ActionInput, ts: string): Json {
  const { slack, ledger } = ctx;
  if (input.channel === undefined) throw new SandboxRefusalError("Say in which channel the message is.", 400);
  const channel = channelFor(slack, person, input.channel);
  const message = slack.message(channel.id, ts);
  const ephemeral = message
    ? undefined
    : slack
        .ephemerals(channel.id)
        .find((candidate) => candidate.user === person.id && candidate.messageTs === ts);
  const blocks = message?.blocks ?? ephemeral?.blocks;
  if (!message && !ephemeral) {
    throw new SandboxRefusalError(`There is no message ${echo(ts)} in that channel.`, 404);
  }
  const found = findElement(withBlockIds(blocks), input.blockId, input.actionId);
  if (!found) throw new SandboxRefusalError(NOT_ON_MESSAGE, 400);
  const action = actionOf(ctx, found.blockId, found.element, input);
  const threadTs = message?.threadTs ?? ephemeral?.threadTs;
  const responseUrl = ledger.rememberResponseUrl(slack.responseUrl(), {
    person: person.id,
    channel: channel.id,
    ...(threadTs === undefined || threadTs === ts ? {} : { threadTs }),
    target: { ts, ephemeral: !message },
  });
  return {
    ...common(ctx, person),
    container: { type: "message", message_ts: ts, channel_id: channel.id, is_ephemeral: !message },
    channel: { id: channel.id, name: channel.isIm ? "directmessage" : channel.name },
    // Slack sends no message with a press on an ephemeral.
    ...(message ? { message: messageObject(slack, message) } : {}),
    state: { values: {} },
    response_url: responseUrl,
    actions: [action],
  };
}

/** A press in the person's top modal or on their Home: the view is sent with what is filled in. */
function onView(ctx: ClientContext, person: SandboxPerson, input: ActionInput): Json {
  const { slack } = ctx;
  let id = input.viewId;
  let view: Json | undefined;
  if (id !== undefined) {
    view = topModal(ctx, person, id);
  } else {
    id = slack.home(person.id)?.id;
    view = id === undefined ? undefined : slack.viewPayload(id);
  }
  if (id === undefined || !view)
    throw new SandboxRefusalError(`${person.name} has no Home published yet.`, 404);
  const blocks = withBlockIds(view.blocks);
  const found = findElement(blocks, input.blockId, input.actionId);
  if (!found) throw new SandboxRefusalError(input.viewId === undefined ? NOT_ON_HOME : NOT_ON_FORM, 400);
  const action = actionOf(ctx, found.blockId, found.element, input);
  const { values } = stateValues(blocks, input.values, pickable(ctx, person));
  return {
    ...common(ctx, person),
    container: { type: "view", view_id: id },
    view: { ...view, blocks, state: { values } },
    actions: [action],
  };
}

export async function press(ctx: ClientContext, input: ActionInput): Promise<void> {
  const person = personOf(ctx.slack, input.as);
  const targets = [input.messageTs !== undefined, input.viewId !== undefined, input.home === true];
  if (targets.filter(Boolean).length !== 1) {
    throw new SandboxRefusalError("Say what was pressed: a message, a form or the Home.", 400);
  }
  const payload =
    input.messageTs === undefined
      ? onView(ctx, person, input)
      : onMessage(ctx, person, input, input.messageTs);
  await ctx.forward.interaction(payload);
}
