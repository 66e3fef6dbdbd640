import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { INVITE_SELLER_BUTTON } from "../tenders/index.js";
import { inviteSellerCommand } from "./handlers/invite-seller.js";
import { openInviteForm } from "./handlers/open-invite-form.js";
import { submitInviteForm } from "./handlers/submit-invite-form.js";
import { onInviteAccepted, onInviteDeclined, onMemberJoined } from "./handlers/track-invitations.js";
import { INVITE_SELLER } from "./ids.js";

/** Sellers: a Slack Connect channel each, invitations by email, and who has joined. */
export function commands(deps: Deps): Record<string, CommandAction> {
  return { invite: inviteSellerCommand(deps) };
}

export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(INVITE_SELLER_BUTTON, openInviteForm(deps));
  app.view(INVITE_SELLER.callbackId, submitInviteForm(deps));
  app.event("shared_channel_invite_accepted", onInviteAccepted(deps));
  app.event("shared_channel_invite_declined", onInviteDeclined(deps));
  app.event("member_joined_channel", onMemberJoined(deps));
}
