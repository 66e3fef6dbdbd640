/**
 * The forms the demo tender fills in, as a person would: the form on top of the person's modals,
 * found by its title, each field by its label. An error the app puts on a field stops the demo
 * with that error.
 */
import type { SandboxActor } from "./actor.js";
import type { SandboxModal, SubmittedValue, SubmittedValues } from "./contract.js";
import { appAnswer, DemoStepError, type FormField, fieldsOf, formOnTop } from "./demo-find.js";
import { DEMO_DAYS, DEMO_GOAL, type DemoRequirement, SAM_LESSON } from "./demo-script.js";

/**
 * Where the form was asked for, and how many answers the person had there before: the app's
 * answer since then says why a form did not open.
 */
export interface Where {
  channel: string;
  answers: number;
}

export interface DemoForms {
  newTender(as: string, where: Where, title: string, coOwners: string[]): Promise<void>;
  requirement(as: string, where: Where, requirement: DemoRequirement): Promise<void>;
  suggestion(as: string, where: Where, text: string): Promise<void>;
  lesson(as: string, where: Where): Promise<void>;
}

/** What goes into a field: text, a pick, several picks, or nothing. */
type Answer = string | string[] | null | ((field: FormField) => string | null);

/** The value as Slack reports it for the kind of input the field is. */
function valueFor(field: FormField, answer: Answer): SubmittedValue {
  const given = typeof answer === "function" ? answer(field) : answer;
  const one = Array.isArray(given) ? (given[0] ?? null) : given;
  const many = Array.isArray(given) ? given : given === null ? [] : [given];
  switch (field.type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type: field.type, value: one ?? "" };
    case "static_select":
    case "radio_buttons":
      return { type: field.type, selected: optionNamed(field, one) };
    case "users_select":
    case "conversations_select":
    case "channels_select":
      return { type: field.type, selected: one };
    case "checkboxes":
    case "multi_static_select":
    case "multi_users_select":
      return { type: field.type, selected: many };
    case "datepicker":
      return { type: field.type, date: one };
    case "timepicker":
      return { type: field.type, time: one };
    default:
      throw new DemoStepError(`a form has a ${field.type} the demo cannot fill in`);
  }
}

/** The value of the option that says this; a person picks "Must", the app reads its value. */
function optionNamed(field: FormField, text: string | null): string | null {
  if (text === null) return null;
  const option = field.options.find((candidate) => candidate.text === text || candidate.value === text);
  if (!option) throw new DemoStepError(`a menu of the form has no option “${text}”`);
  return option.value;
}

/** The select's option the form was opened with, e.g. the requirement whose button opened it. */
const asOpened = (field: FormField) => field.initial;

/** yyyy-mm-dd, `days` from today. */
function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function demoForms(actor: SandboxActor): DemoForms {
  function fill(title: string, modal: SandboxModal, answers: Record<string, Answer>): SubmittedValues {
    const fields = fieldsOf(modal);
    const values: SubmittedValues = {};
    for (const [label, answer] of Object.entries(answers)) {
      const field = fields.get(label);
      if (!field) throw new DemoStepError(`the ${title} form has no field “${label}”`);
      values[field.block] = { [field.action]: valueFor(field, answer) };
    }
    return values;
  }

  /** Submits the person's top modal when it is this form; says what went wrong when it is not. */
  async function submit(as: string, where: Where, title: string, answers: Record<string, Answer>) {
    const snapshot = actor.snapshot(as);
    const modal = formOnTop(snapshot, title);
    if (!modal) {
      throw new DemoStepError(
        `the ${title} form did not open.${appAnswer(snapshot, where.channel, where.answers)}`,
      );
    }
    const { errors } = await actor.submit({ as, viewId: modal.id, values: fill(title, modal, answers) });
    const problems = Object.entries(errors).map(([field, error]) => `${field}: ${error}`);
    if (problems.length > 0)
      throw new DemoStepError(`the ${title} form was refused (${problems.join("; ")})`);
    await actor.caughtUp();
  }

  return {
    newTender: (as, where, title, coOwners) =>
      submit(as, where, "New tender", {
        Title: title,
        Goal: DEMO_GOAL,
        "Co-owners": coOwners,
        "Questions close": daysAhead(DEMO_DAYS.questions),
        "Proposals due": daysAhead(DEMO_DAYS.proposals),
        "Award planned": daysAhead(DEMO_DAYS.award),
      }),

    requirement: (as, where, requirement) =>
      submit(as, where, "Post a requirement", {
        Title: requirement.title,
        Details: requirement.details,
        Category: requirement.category,
        Priority: requirement.priority,
        "Acceptance criteria": requirement.acceptanceCriteria,
      }),

    suggestion: (as, where, text) =>
      submit(as, where, "Suggest a change", { "The change you suggest, and why": text }),

    lesson: (as, where) =>
      submit(as, where, "Lesson learned", {
        Title: SAM_LESSON.title,
        Situation: SAM_LESSON.situation,
        "What was learned": SAM_LESSON.lesson,
        "Recommendation for this tender": SAM_LESSON.recommendation,
        "Expected impact": SAM_LESSON.impact,
        "Related requirement": asOpened,
        Tags: SAM_LESSON.tags,
      }),
  };
}
