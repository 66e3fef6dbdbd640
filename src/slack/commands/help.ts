import { echo, escapeText } from "../text.js";

/** `/tender help`: what works today. Escaped, since Slack reads `<...>` as a link even in code. */
export const HELP_TEXT = escapeText(
  [
    "*Tender Room* keeps buyer and sellers in a real dialogue during a tender.",
    "",
    "*Open and run a tender*",
    "`/tender new [<title>]` open a tender: a private team channel with a pinned card (no title: a form)",
    "`/tender invite <seller name> <email> [<email> ...]` give a seller its own Slack Connect channel and invite its people (no arguments: a form)",
    "`/tender stage <courting|requirements|proposal|evaluation|awarded|closed>` move the tender along",
    "`/tender dates` move, set or clear the key dates (a form, with a note to the sellers; owners); or `/tender dates questions <yyyy-mm-dd|none> proposals <...> award <...>`. Every seller channel is told and asked to acknowledge; a later questions date reopens questions",
    "`/tender status` stage, key dates, sellers and their invitations, whether each intends to bid, and its pending acknowledgements",
    "`/tender help` this help",
    "",
    "*Requirements, refined with the sellers*",
    "`/tender require [<title> [| <details>]]` post a requirement to every seller channel (no title: a form)",
    "`/tender requirements` each requirement: version, status, replies per seller, open questions",
    "`/tender revise R-<n>` publish a new version: what changed, and the seller replies that led to it",
    "`/tender withdraw R-<n> [<reason>]` withdraw a requirement; it stays on record",
    "`/tender clarify R-<n> [<question> |] <answer>` one answer for every seller, nobody named",
    "`/tender quiet` the quiet period (proposal, evaluation): a buyer's answer in one seller's thread is published to all sellers or kept as an exception with a reason; shows whether exceptions are allowed and the answers awaiting a decision; `/tender quiet exceptions on|off` allow or forbid them (owners)",
    "`/tender history R-<n>` every version, the seller input behind it, and the clarifications",
    "",
    "*Key metrics: the buyer's measures of success*",
    "`/tender metric add <name> | <unit> | <baseline> | <target> [| lower|higher] [| weight <n>]` a key metric every seller quantifies its offer in, posted to every seller channel (no arguments: a form; owners)",
    "`/tender metrics` the key metrics M-<n>; `/tender metric edit M-<n>` (a form) and `/tender metric retire M-<n>` change one; a new baseline, target or unit is announced to every seller",
    "`/tender require <title> | <details> | metrics: M-1, M-2` the key metrics a requirement serves (the requirement form offers them too)",
    "`/tender compare` every key metric with each seller's latest estimate and weighted total, in the team channel, with a chart",
    "`/tender business-case` the buyer's case from the metrics and the sellers' estimates: a summary in the team channel and a Markdown file to forward",
    "Sellers may “Suggest a metric” from a metric's post; the owners accept it (it becomes M-<n>, credited to the seller) or decline it with a reason the seller reads",
    "Sellers quantify their offer in each key metric with the button “Quantify your impact” on the metric's post in their channel; every version reaches the team channel",
    "",
    "*Lessons learned*",
    "`/tender lesson` share a lesson learned (a form); on any message: the shortcut “Save as lesson learned”",
    "`/tender lessons [<words>] [tender:T-<n>] [seller:<name>] [tag:<tag>] [page:<n>]` search the library (no words: the latest lessons of this tender)",
    "",
    "*Check-ins with the sellers*",
    '`/tender checkin every <monday|...|day|weekday> <HH:MM> [<zone>] [| <prompt>]` a regular check-in with every seller; also `every 2 weeks <day> <HH:MM>` and `cron "<5 fields>"` (at most hourly); no arguments: a form (sellers, prompt, last day)',
    "`/tender checkins` the check-ins with their next run; `/tender checkin pause|resume|cancel C-<n>` change one",
    "",
    "*Nudges*",
    "`/tender nudges` the automatic reminders: unanswered seller questions, silent sellers, key dates",
    "`/tender nudges on|off` or `/tender nudges questions|silence|dates <days>` change them (owners; 1 to 30 days)",
    "",
    "In a tender's channels the tender is implied; anywhere else name it: `/tender status T-3`.",
    "Only a tender's owners invite sellers, define key metrics and change its stage and key dates; all its people write and refine requirements.",
    "Sellers cannot use slash commands: they act through the buttons on the app's messages in their channel, “Share a lesson learned” included.",
  ].join("\n"),
);

export function unknownActionText(action: string): string {
  return `\`/tender ${echo(action)}\` is not something Tender Room knows. Try \`/tender help\`.`;
}
