import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { publishPrivateAnswer } from "../quiet.js";
import { clarifiedReply } from "../views.js";

/** "Publish to all sellers" on the quiet period prompt: one press, the prompt replaced by what was done. */
export function publishPrivateAnswerButton(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const { requirement, sellers } = await publishPrivateAnswer(deps, click.user, click.value);
    return { text: clarifiedReply(requirement.number, sellers), replaceOriginal: true };
  });
}
