import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;

interface Manifest {
  features: {
    slash_commands: { command: string }[];
    shortcuts?: { name: string; type: string; callback_id: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const source = sourceFiles(join(ROOT, "src"))
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");

/**
 * The bot scope each Web API method and event of the app needs (our channels are private, hence
 * the groups:* scopes). A method or event missing here fails the test: add it with its scope.
 */
const METHOD_SCOPES: Record<string, string | null> = {
  "auth.test": null,
  "chat.getPermalink": null,
  "chat.postEphemeral": "chat:write",
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "conversations.archive": "groups:write",
  "conversations.create": "groups:write",
  "conversations.history": "groups:history",
  "conversations.replies": "groups:history",
  "conversations.invite": "groups:write",
  "conversations.inviteShared": "conversations.connect:write",
  "files.uploadV2": "files:write",
  "pins.add": "pins:write",
  "users.info": "users:read",
  "views.open": null,
  "views.publish": null,
};
const EVENT_SCOPES: Record<string, string | null> = {
  app_home_opened: null,
  member_joined_channel: "groups:read",
  message: "groups:history",
  shared_channel_invite_accepted: null,
  shared_channel_invite_declined: null,
  tokens_revoked: null,
  app_uninstalled: null,
};

const methodsUsed = [
  ...new Set([...source.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((match) => `${match[1]}.${match[2]}`)),
];
const eventsHandled = [
  ...new Set([...source.matchAll(/\.event\(\s*"([a-z_]+)"/g)].map((match) => String(match[1]))),
];

describe("manifest.json", () => {
  it("declares the /tender command that the code handles", () => {
    expect(source).toContain('TENDER_COMMAND = "/tender"');
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/tender"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("declares each shortcut the code registers, as a message shortcut within Slack's limits", () => {
    const shortcuts = manifest.features.shortcuts ?? [];
    const registered = [...source.matchAll(/SAVE_MESSAGE_SHORTCUT = "([a-z_]+)"/g)].map((m) => m[1]);
    expect(shortcuts.map((s) => s.callback_id)).toEqual(registered);
    for (const shortcut of shortcuts) {
      expect(shortcut.type).toBe("message");
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
      expect(shortcut.description.length).toBeLessThanOrEqual(80);
      expect(source).toContain(`"${shortcut.callback_id}"`);
    }
  });

  it("subscribes to exactly the events the code listens to", () => {
    expect(eventsHandled.length).toBeGreaterThan(0);
    // Message events are subscribed per kind of conversation: `message.groups` for private channels.
    const subscribed = manifest.settings.event_subscriptions.bot_events.map((event) =>
      event === "message.groups" ? "message" : event,
    );
    expect(subscribed.sort()).toEqual([...eventsHandled].sort());
  });

  it("asks for every scope the code needs and no other", () => {
    const unknown = [
      ...methodsUsed.filter((m) => !(m in METHOD_SCOPES)),
      ...eventsHandled.filter((e) => !(e in EVENT_SCOPES)),
    ];
    expect(unknown, "add these to the scope table of this test").toEqual([]);
    const needed = new Set<string>(["commands"]);
    for (const method of methodsUsed) if (METHOD_SCOPES[method]) needed.add(METHOD_SCOPES[method]);
    for (const event of eventsHandled) if (EVENT_SCOPES[event]) needed.add(EVENT_SCOPES[event]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
