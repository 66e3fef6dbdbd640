/** Block Kit ids of the sellers feature, shared by builders, listeners and tests. */
export const INVITE_SELLER_BUTTON = "seller_invite_open";

export const INVITE_SELLER = {
  callbackId: "seller_invite",
  name: { block: "name", action: "name_input" },
  emails: { block: "emails", action: "emails_input" },
} as const;
