/**
 * What the demo tender says: a utility's smart meter rollout, discussed with two sellers. Kept
 * apart from the steps that type it in, so the story reads in one place.
 */

export const DEMO_TITLE = "Smart meter rollout 2027";

export const DEMO_GOAL =
  "Replace 180,000 electromechanical meters across the northern grid with smart meters by the end " +
  "of 2027, so that outages are seen within minutes and customers are billed on what they use.";

/** Key dates, in days from today: questions close, proposals are due, the award is planned. */
export const DEMO_DAYS = { questions: 21, proposals: 42, award: 70 } as const;

export interface DemoSeller {
  name: string;
  /** Who is invited by email; each accepts the Slack Connect invitation. */
  people: readonly { id: string; email: string }[];
}

export const ACME: DemoSeller = {
  name: "Acme Grid Systems",
  people: [
    { id: "U0SAMSTONE", email: "sam@acmegrid.example" },
    { id: "U0PRIYA", email: "priya@acmegrid.example" },
  ],
};

export const GLOBEX: DemoSeller = {
  name: "Globex Energy",
  people: [{ id: "U0GINAGOLD", email: "gina@globex.example" }],
};

export interface DemoRequirement {
  title: string;
  details: string;
  category: string;
  /** As the form's menu says it. */
  priority: "Must" | "Should" | "Could";
  acceptanceCriteria: string;
}

export const LATENCY: DemoRequirement = {
  title: "Meter data latency of 15 minutes at most",
  details:
    "Interval reads and outage alarms must reach our meter data management system within 15 " +
    "minutes of being measured, so that the control room sees outages before customers call.",
  category: "Data",
  priority: "Must",
  acceptanceCriteria:
    "In the pilot area, 99% of interval reads arrive within 15 minutes over 30 consecutive days.",
};

export const HEAD_END: DemoRequirement = {
  title: "Interoperability with the existing head-end system",
  details:
    "The new meters must be operated through our existing head-end system (DLMS/COSEM over " +
    "NB-IoT), alongside the 25,000 smart meters already installed.",
  category: "Integration",
  priority: "Must",
  acceptanceCriteria:
    "Firmware updates, remote disconnects and interval reads work from the existing head-end " +
    "for new and installed meters alike.",
};

export const INSTALLERS: DemoRequirement = {
  title: "Installer capacity of 12,000 meters a month",
  details:
    "To finish by the end of 2027 the rollout needs 12,000 installations a month from April, " +
    "including appointments with customers and the removal of the old meters.",
  category: "Installation",
  priority: "Should",
  acceptanceCriteria:
    "A resourcing plan naming certified installers per region, with 12,000 installations a " +
    "month sustained for three consecutive months.",
};

export const DEMO_REQUIREMENTS = [LATENCY, HEAD_END, INSTALLERS] as const;

/** What the sellers write in the requirement threads of their own channels. */
export const SAM_QUESTION =
  "Does the 15-minute latency apply to every single read, or to 99% of reads as in the acceptance " +
  "criteria? Rural cells with weak NB-IoT coverage may need a store-and-forward fallback.";

export const SAM_SUGGESTION =
  "Please name the head-end's version and the DLMS/COSEM companion profile it runs. We suggest a " +
  "two-week interoperability test with 200 meters before the rollout starts, so both sides find " +
  "firmware issues early.";

export const GINA_EXPERIENCE =
  "In a 90,000-meter rollout for a municipal utility we reached 12-minute latency on 99.4% of " +
  "reads once the head-end polled in staggered windows instead of on the hour. Happy to share " +
  "the polling plan.";

export const PRIYA_COMMENT =
  "Our installers do 9 meters a day each; 12,000 a month means about 65 installers in the field. " +
  "We would ramp up over six weeks, region by region.";

export const SAM_LESSON = {
  title: "Book customer appointments three weeks ahead",
  situation: "A 60,000-meter rollout for a regional utility in 2024, with indoor meters in older houses.",
  lesson:
    "One in five installations failed because nobody was home. Appointments booked three weeks " +
    "ahead, with an SMS reminder the day before, brought failed visits down to one in twenty.",
  recommendation:
    "Make appointment booking and reminders part of the installer capacity, and count only " +
    "completed installations towards the 12,000 a month.",
  impact: "About 15% fewer wasted visits; the monthly target becomes reachable with fewer installers.",
  tags: "installation, scheduling, customers",
} as const;

export const CHECK_IN_COMMAND =
  "/tender checkin every monday 10:00 Europe/Berlin | How is your proposal coming along? " +
  "Anything you need from us before questions close?";
