import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the sellers feature, shared by builders, listeners and tests. */
export const INVITE_SELLER = formIds("seller_invite", { name: "name_input", emails: "emails_input" });
