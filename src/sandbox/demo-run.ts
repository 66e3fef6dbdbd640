/**
 * The steps of a demo tender, each as the person who would do it: a command, a button, a form, a
 * message in a thread; after each the app is given time to finish, and what it should have posted
 * is looked up in what the people see.
 */
import type { SandboxActor } from "./actor.js";
import type { SandboxMessage } from "./contract.js";
import {
  appAnswer,
  buttonOn,
  DemoStepError,
  ephemeralCount,
  escapeRegExp,
  escapeText,
  expectFound,
  type FoundButton,
  latestAppMessage,
  messagesIn,
  nextDemoTitle,
} from "./demo-find.js";
import { type DemoForms, demoForms, type Where } from "./demo-forms.js";
import {
  ACME,
  CHECK_IN_COMMAND,
  DEMO_REQUIREMENTS,
  DEMO_TITLE,
  type DemoRequirement,
  type DemoSeller,
  GINA_EXPERIENCE,
  GLOBEX,
  HEAD_END,
  INSTALLERS,
  LATENCY,
  PRIYA_COMMENT,
  SAM_LESSON,
  SAM_QUESTION,
  SAM_SUGGESTION,
} from "./demo-script.js";
import { GENERAL_CHANNEL } from "./workspace.js";

/** The buttons the demo's people press, by what they say. */
const BUTTONS = {
  intendToBid: "We intend to bid",
  askQuestion: "Ask a question",
  suggestChange: "Suggest a change",
  shareLesson: "Share a lesson learned",
} as const;

/** What a demo tender ended with. */
export interface DemoResult {
  /** The tender's reference, e.g. "T-3". */
  tender: string;
  title: string;
  /** The team channel's id. */
  teamChannel: string;
  /** Each seller's channel id. */
  sellerChannels: { seller: string; channel: string }[];
  /** The requirements posted, e.g. ["R-1", "R-2", "R-3"]. */
  requirements: string[];
}

export class DemoRun {
  private readonly forms: DemoForms;
  private tender: string | undefined;
  private title = DEMO_TITLE;
  private teamChannel = "";
  private readonly sellerChannels = new Map<DemoSeller, string>();
  private readonly requirements = new Map<DemoRequirement, string>();

  constructor(
    private readonly actor: SandboxActor,
    private readonly lead: string,
    private readonly coOwners: string[],
  ) {
    this.forms = demoForms(actor);
  }

  async load(): Promise<DemoResult> {
    this.title = nextDemoTitle(this.actor.snapshot(this.lead), DEMO_TITLE);
    await this.step("open the tender", () => this.openTender());
    for (const seller of [ACME, GLOBEX]) {
      await this.step(`invite ${seller.name}`, () => this.invite(seller));
    }
    await this.step("move to the requirements stage", () => this.moveToRequirements());
    for (const requirement of DEMO_REQUIREMENTS) {
      await this.step(`post “${requirement.title}”`, () => this.postRequirement(requirement));
    }
    await this.step("let the sellers reply", () => this.reply());
    await this.step("share a lesson learned", () => this.shareLesson());
    await this.step("schedule a check-in", () => this.scheduleCheckIn());
    return {
      tender: this.tender ?? "",
      title: this.title,
      teamChannel: this.teamChannel,
      sellerChannels: [...this.sellerChannels].map(([seller, channel]) => ({ seller: seller.name, channel })),
      requirements: [...this.requirements.values()],
    };
  }

  /** Runs a step, waits for the app to finish it, and says where the demo stopped when it fails. */
  private async step(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      await this.actor.caughtUp();
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      const reason = /[.!?”]$/.test(said) ? said : `${said}.`;
      const partly = this.tender
        ? ` ${this.tender} was opened but is only partly filled; load another demo tender for a complete one.`
        : "";
      throw new Error(`The demo tender stopped at “${name}”: ${reason}${partly}`, { cause: error });
    }
  }

  /** The lead runs a command and the app finishes with it. */
  private async command(channel: string, text: string): Promise<Where> {
    const answers = ephemeralCount(this.actor.snapshot(this.lead), channel);
    await this.actor.command({ as: this.lead, channel, text });
    await this.actor.caughtUp();
    return { channel, answers };
  }

  /** A person presses a button on a message and the app finishes with it. */
  private async press(as: string, channel: string, button: FoundButton): Promise<Where> {
    const answers = ephemeralCount(this.actor.snapshot(as), channel);
    const { messageTs, blockId, actionId } = button;
    await this.actor.press({ as, channel, messageTs, blockId, actionId });
    await this.actor.caughtUp();
    return { channel, answers };
  }

  /** What the app last told the lead there, when it said anything since. */
  private answer(where: Where): string {
    return appAnswer(this.actor.snapshot(this.lead), where.channel, where.answers);
  }

  private async openTender(): Promise<void> {
    const { title } = this;
    const before = new Set(this.actor.snapshot(this.lead).channels.map((channel) => channel.id));
    const where = await this.command(GENERAL_CHANNEL.id, "/tender new");
    await this.forms.newTender(this.lead, where, title, this.coOwners);
    const card = new RegExp(`^(T-\\d+) · ${escapeRegExp(escapeText(title))}: `);
    const found = await expectFound(
      this.actor,
      `the tender's channel did not appear.${this.answer(where)}`,
      () => {
        const snapshot = this.actor.snapshot(this.lead);
        for (const channel of snapshot.channels.filter((candidate) => !before.has(candidate.id))) {
          const ref = latestAppMessage(snapshot, channel.id, (m) => card.test(m.text));
          if (ref) return { channel: channel.id, tender: card.exec(ref.text)?.[1] };
        }
        return undefined;
      },
    );
    this.tender = found.tender;
    this.teamChannel = found.channel;
  }

  private async invite(seller: DemoSeller): Promise<void> {
    const emails = seller.people.map((person) => person.email).join(" ");
    const where = await this.command(this.teamChannel, `/tender invite ${seller.name} ${emails}`);
    const report = new RegExp(`invited \\*${escapeRegExp(escapeText(seller.name))}\\* into <#(\\w+)`);
    const channel = await expectFound(
      this.actor,
      `no invitation report for ${seller.name} in the team channel.${this.answer(where)}`,
      () => {
        const message = latestAppMessage(this.actor.snapshot(this.lead), this.teamChannel, (m) =>
          report.test(m.text),
        );
        return message ? report.exec(message.text)?.[1] : undefined;
      },
    );
    this.sellerChannels.set(seller, channel);
    const name = this.actor.snapshot(this.lead).channels.find((c) => c.id === channel)?.name ?? "";
    for (const person of seller.people) {
      const invitation = this.actor
        .snapshot(person.id)
        .invitations.find((candidate) => candidate.channelName.replace(/^#/, "") === name);
      if (!invitation) throw new DemoStepError(`${person.email} has no invitation to #${name}`);
      await this.actor.answerInvitation({ as: person.id, id: invitation.id, accept: true });
    }
    await this.actor.caughtUp();
    for (const person of seller.people) {
      await expectFound(this.actor, `${person.email} did not join #${name}`, () =>
        this.actor.snapshot(person.id).channels.find((candidate) => candidate.id === channel),
      );
    }
  }

  private async moveToRequirements(): Promise<void> {
    const where = await this.command(this.teamChannel, "/tender stage requirements");
    const card = `${this.tender} · ${escapeText(this.title)}: requirements`;
    await expectFound(
      this.actor,
      `the tender card does not show the requirements stage.${this.answer(where)}`,
      () => latestAppMessage(this.actor.snapshot(this.lead), this.teamChannel, (m) => m.text === card),
    );
    // Entering the requirements stage asks each seller whether it intends to bid; both do.
    for (const [seller, channel] of this.sellerChannels) {
      const person = seller.people[0]?.id ?? "";
      const intend = await expectFound(this.actor, `${seller.name} was not asked whether it will bid`, () => {
        const prompt = latestAppMessage(
          this.actor.snapshot(person),
          channel,
          (m) => buttonOn(m, BUTTONS.intendToBid) !== undefined,
        );
        return prompt && buttonOn(prompt, BUTTONS.intendToBid);
      });
      await this.press(person, channel, intend);
    }
  }

  private async postRequirement(requirement: DemoRequirement): Promise<void> {
    const where = await this.command(this.teamChannel, "/tender require");
    await this.forms.requirement(this.lead, where, requirement);
    const copy = new RegExp(`^(R-\\d+) · ${escapeRegExp(escapeText(requirement.title))}$`);
    const ref = await expectFound(this.actor, "the requirement did not appear in the team channel.", () => {
      const message = latestAppMessage(this.actor.snapshot(this.lead), this.teamChannel, (m) =>
        copy.test(m.text),
      );
      return message ? copy.exec(message.text)?.[1] : undefined;
    });
    this.requirements.set(requirement, ref);
    for (const [seller, channel] of this.sellerChannels) {
      await this.postIn(seller, channel, requirement);
    }
  }

  /** The requirement's thread starter in a seller's channel, as that seller's first person sees it. */
  private postIn(seller: DemoSeller, channel: string, requirement: DemoRequirement): Promise<SandboxMessage> {
    const ref = this.requirements.get(requirement);
    const text = `${ref} · ${escapeText(requirement.title)}`;
    const person = seller.people[0]?.id ?? "";
    return expectFound(this.actor, `${ref} did not reach ${seller.name}'s channel`, () =>
      latestAppMessage(
        this.actor.snapshot(person),
        channel,
        (m) => m.text === text && buttonOn(m, BUTTONS.askQuestion) !== undefined,
      ),
    );
  }

  private async threadReply(seller: DemoSeller, as: string, requirement: DemoRequirement, text: string) {
    const channel = this.sellerChannels.get(seller) ?? "";
    const post = await this.postIn(seller, channel, requirement);
    await this.actor.message({ as, channel, threadTs: post.ts, text });
  }

  /** A seller's person presses one of the buttons on a requirement's post in the seller's channel. */
  private async pressOnPost(seller: DemoSeller, as: string, requirement: DemoRequirement, label: string) {
    const channel = this.sellerChannels.get(seller) ?? "";
    const post = await this.postIn(seller, channel, requirement);
    const button = buttonOn(post, label);
    if (!button) throw new DemoStepError(`“${label}” is missing on ${this.requirements.get(requirement)}`);
    return this.press(as, channel, button);
  }

  private async reply(): Promise<void> {
    const [sam = "", priya = ""] = ACME.people.map((person) => person.id);
    const gina = GLOBEX.people[0]?.id ?? "";
    await this.threadReply(ACME, sam, LATENCY, SAM_QUESTION);
    await this.threadReply(ACME, priya, INSTALLERS, PRIYA_COMMENT);
    await this.threadReply(GLOBEX, gina, LATENCY, GINA_EXPERIENCE);
    const where = await this.pressOnPost(ACME, sam, HEAD_END, BUTTONS.suggestChange);
    await this.forms.suggestion(sam, where, SAM_SUGGESTION);
  }

  private async shareLesson(): Promise<void> {
    const sam = ACME.people[0]?.id ?? "";
    const where = await this.pressOnPost(ACME, sam, INSTALLERS, BUTTONS.shareLesson);
    await this.forms.lesson(sam, where);
    const card = escapeText(`Lesson learned: ${SAM_LESSON.title}`);
    await expectFound(this.actor, "the lesson did not reach the team channel.", () =>
      latestAppMessage(this.actor.snapshot(this.lead), this.teamChannel, (m) => m.text === card),
    );
  }

  private async scheduleCheckIn(): Promise<void> {
    const where = await this.command(this.teamChannel, CHECK_IN_COMMAND);
    // The channel is this tender's own, so any such answer in it is this one.
    const scheduled = messagesIn(this.actor.snapshot(this.lead), this.teamChannel).some(
      (message) => message.ephemeral && /^Check-in C-\d+ scheduled/.test(message.text),
    );
    if (!scheduled) throw new DemoStepError(`the check-in was not scheduled.${this.answer(where)}`);
  }
}
