import { isRecord, str, structured } from "./args.js";
import { fail, failInvalid, type Handler, type MethodContext, ok } from "./common.js";
import { apiUser, apiView } from "./serialize.js";
import { viewHash } from "./state.js";
import type { ApiBody, FakeView } from "./types.js";
import { viewError } from "./validation.js";

function missing(field: string): ApiBody {
  return fail("invalid_arguments", {
    response_metadata: { messages: [`[ERROR] missing required field: ${field}`] },
  });
}

/** The `view` argument, validated for the given view types. */
function readView(ctx: MethodContext, types: string[]): Record<string, unknown> | ApiBody {
  const arg = structured(ctx.args, "view");
  if (!arg.present) return missing("view");
  if ("invalid" in arg || !isRecord(arg.value)) return fail("invalid_arguments");
  const invalid = viewError(arg.value, types);
  if (invalid) return failInvalid(invalid);
  return arg.value;
}

function isBody(value: Record<string, unknown> | ApiBody): value is ApiBody {
  return typeof value.ok === "boolean";
}

function store(
  ctx: MethodContext,
  view: Record<string, unknown>,
  via: string,
  fields: Partial<FakeView>,
): FakeView {
  const id = fields.id ?? ctx.state.ids.next("V");
  const externalId =
    typeof view.external_id === "string" && view.external_id !== "" ? view.external_id : undefined;
  const stored: FakeView = {
    id,
    hash: viewHash(view, `${id}:${ctx.state.clock.next()}`),
    externalId,
    view,
    via,
    triggerId: fields.triggerId,
    userId: fields.userId,
  };
  ctx.state.views.set(id, stored);
  return stored;
}

/** views.open and views.push: both spend a trigger_id, which is single-use and expires. */
function openWithTrigger(via: string): Handler {
  return (ctx) => {
    const triggerId = str(ctx.args, "trigger_id");
    if (triggerId === undefined || triggerId === "") return missing("trigger_id");
    const view = readView(ctx, ["modal"]);
    if (isBody(view)) return view;
    if (ctx.state.expiredTriggers.has(triggerId)) return fail("expired_trigger_id");
    if (ctx.state.usedTriggers.has(triggerId)) return fail("exchanged_trigger_id");
    if (view.external_id !== undefined && findByExternalId(ctx, String(view.external_id))) {
      return fail("duplicate_external_id");
    }
    ctx.state.usedTriggers.add(triggerId);
    const stored = store(ctx, view, via, { triggerId });
    return ok({ view: apiView(ctx.state, stored) });
  };
}

function findByExternalId(ctx: MethodContext, externalId: string): FakeView | undefined {
  for (const view of ctx.state.views.values()) {
    if (view.externalId === externalId) return view;
  }
  return undefined;
}

const update: Handler = (ctx) => {
  const viewId = str(ctx.args, "view_id");
  const externalId = str(ctx.args, "external_id");
  if (!viewId && !externalId) return missing("view_id");
  const existing = viewId ? ctx.state.views.get(viewId) : findByExternalId(ctx, externalId ?? "");
  if (!existing) return fail("not_found");
  const hash = str(ctx.args, "hash");
  if (hash !== undefined && hash !== "" && hash !== existing.hash) return fail("hash_conflict");
  const view = readView(ctx, ["modal", "home"]);
  if (isBody(view)) return view;
  const stored = store(ctx, view, "views.update", {
    id: existing.id,
    triggerId: existing.triggerId,
    userId: existing.userId,
  });
  return ok({ view: apiView(ctx.state, stored) });
};

const publish: Handler = (ctx) => {
  const userId = str(ctx.args, "user_id");
  if (userId === undefined || userId === "") return missing("user_id");
  if (!ctx.state.users.has(userId)) return fail("user_not_found");
  const view = readView(ctx, ["home"]);
  if (isBody(view)) return view;
  const previous = [...ctx.state.views.values()].find(
    (v) => v.via === "views.publish" && v.userId === userId,
  );
  const hash = str(ctx.args, "hash");
  if (previous && hash !== undefined && hash !== "" && hash !== previous.hash) return fail("hash_conflict");
  const stored = store(ctx, view, "views.publish", { id: previous?.id, userId });
  return ok({ view: apiView(ctx.state, stored) });
};

export const viewMethods: Record<string, Handler> = {
  "views.open": openWithTrigger("views.open"),
  "views.push": openWithTrigger("views.push"),
  "views.update": update,
  "views.publish": publish,
};

const authTest: Handler = (ctx) => {
  const { identity } = ctx.state;
  const bot = ctx.state.users.get(identity.botUserId);
  return ok({
    url: ctx.state.teamUrl(),
    team: identity.teamName,
    user: bot?.name ?? "tender_room",
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  });
};

const usersInfo: Handler = (ctx) => {
  const userId = str(ctx.args, "user");
  const user = userId === undefined ? undefined : ctx.state.users.get(userId);
  if (!user) return fail("user_not_found");
  return ok({ user: apiUser(ctx.state, user) });
};

const lookupByEmail: Handler = (ctx) => {
  const email = str(ctx.args, "email")?.toLowerCase();
  if (!email) return fail("invalid_arguments");
  const user = [...ctx.state.users.values()].find(
    (candidate) => candidate.teamId === ctx.state.identity.teamId && candidate.email?.toLowerCase() === email,
  );
  if (!user) return fail("users_not_found");
  return ok({ user: apiUser(ctx.state, user) });
};

const teamInfo: Handler = (ctx) => {
  const { identity } = ctx.state;
  const wanted = str(ctx.args, "team");
  if (wanted !== undefined && wanted !== "" && wanted !== identity.teamId) {
    const known = [...ctx.state.users.values()].some((user) => user.teamId === wanted);
    if (!known) return fail("team_not_found");
    return ok({ team: { id: wanted, name: wanted, domain: wanted.toLowerCase(), icon: {} } });
  }
  return ok({
    team: {
      id: identity.teamId,
      name: identity.teamName,
      domain: identity.teamDomain,
      email_domain: "",
      icon: { image_default: true },
    },
  });
};

export const workspaceMethods: Record<string, Handler> = {
  "auth.test": authTest,
  "users.info": usersInfo,
  "users.lookupByEmail": lookupByEmail,
  "team.info": teamInfo,
};
