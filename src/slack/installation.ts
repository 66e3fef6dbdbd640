import type { WebClient } from "@slack/web-api";
import type { PrismaClient } from "../db/client.js";

export interface Installation {
  id: number;
  teamId: string;
  teamName: string;
  botUserId: string;
}

/** Learns which workspace the bot token belongs to and records it. */
export async function loadInstallation(db: PrismaClient, client: WebClient): Promise<Installation> {
  const auth = await client.auth.test();
  if (!auth.team_id || !auth.user_id) throw new Error("auth.test answered without a team or bot user");
  const fields = { teamName: auth.team ?? auth.team_id, botUserId: auth.user_id };
  return db.installation.upsert({
    where: { teamId: auth.team_id },
    create: { teamId: auth.team_id, ...fields },
    update: fields,
    select: { id: true, teamId: true, teamName: true, botUserId: true },
  });
}
