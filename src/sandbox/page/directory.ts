/**
 * Who and what the person can name: the people for mentions and people pickers, their channels
 * for channel mentions and channel pickers. Provided once from the snapshot.
 */
import { createContext, useContext } from "react";
import type { SandboxChannel, SandboxPerson } from "../contract";

export interface Directory {
  people: SandboxPerson[];
  channels: SandboxChannel[];
}

export const DirectoryContext = createContext<Directory>({ people: [], channels: [] });

export function useDirectory(): Directory {
  return useContext(DirectoryContext);
}
