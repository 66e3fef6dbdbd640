/** Where a failed press, shortcut or invitation answer is told: one line at the top of the page. */
import { createContext, useContext } from "react";

export interface Notices {
  /** Shows what went wrong (the server's words). */
  report: (text: string) => void;
  /** Fetches a fresh snapshot after the person did something. */
  refresh: () => void;
}

export const NoticeContext = createContext<Notices>({ report: () => {}, refresh: () => {} });

export function useNotices(): Notices {
  return useContext(NoticeContext);
}
