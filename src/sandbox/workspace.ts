/**
 * The people the sandbox plays: the buyer's procurement team, in the workspace the app is installed
 * in, and the account teams of two sellers from two other organisations, who join their tender
 * channels through Slack Connect once invited by email.
 */
import type { SandboxPerson } from "./contract.js";
import type { FakeSlack } from "./slack/index.js";

export const BUYER = { teamId: "T0NORTHWND", name: "Northwind Utilities" } as const;

interface Resident extends SandboxPerson {
  email: string;
  tz: string;
}

const ACME = { teamId: "T0ACMEGRID", organisation: "Acme Grid Systems" } as const;
const GLOBEX = { teamId: "T0GLOBEXEN", organisation: "Globex Energy" } as const;
const NORTHWIND = { teamId: BUYER.teamId, organisation: BUYER.name } as const;

export const SANDBOX_PEOPLE: readonly Resident[] = [
  {
    id: "U0OLIVIA",
    name: "Olivia Ortega",
    title: "Procurement lead",
    ...NORTHWIND,
    external: false,
    email: "olivia@northwind.example",
    tz: "Europe/Berlin",
  },
  {
    id: "U0BENJAMIN",
    name: "Ben Okafor",
    title: "Head of grid operations",
    ...NORTHWIND,
    external: false,
    email: "ben@northwind.example",
    tz: "Europe/Berlin",
  },
  {
    id: "U0SAMSTONE",
    name: "Sam Stone",
    title: "Account manager",
    ...ACME,
    external: true,
    email: "sam@acmegrid.example",
    tz: "Europe/London",
  },
  {
    id: "U0PRIYA",
    name: "Priya Patel",
    title: "Solution architect",
    ...ACME,
    external: true,
    email: "priya@acmegrid.example",
    tz: "Europe/London",
  },
  {
    id: "U0GINAGOLD",
    name: "Gina Gold",
    title: "Account director",
    ...GLOBEX,
    external: true,
    email: "gina@globex.example",
    tz: "America/New_York",
  },
];

/** Where the buyer's people talk before a tender has channels of its own. */
export const GENERAL_CHANNEL = { id: "C0GENERAL", name: "general" } as const;

export function sandboxPerson(id: string): SandboxPerson | undefined {
  const found = SANDBOX_PEOPLE.find((person) => person.id === id);
  if (!found) return undefined;
  const { email: _email, tz: _tz, ...person } = found;
  return person;
}

/** Adds the people and #general to a fresh workspace; a workspace restored from disk has them. */
export function seedWorkspace(slack: FakeSlack): void {
  for (const person of SANDBOX_PEOPLE) {
    if (slack.user(person.id)) continue;
    slack.addUser({
      id: person.id,
      teamId: person.teamId,
      name: person.name.split(" ")[0]?.toLowerCase() ?? person.id,
      realName: person.name,
      tz: person.tz,
      email: person.email,
    });
  }
  if (!slack.channel(GENERAL_CHANNEL.id)) {
    const buyers = SANDBOX_PEOPLE.filter((person) => !person.external).map((person) => person.id);
    slack.addChannel({ ...GENERAL_CHANNEL, members: [slack.botUserId, ...buyers] });
  }
}
