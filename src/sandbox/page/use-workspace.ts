/**
 * What one person sees, kept current: the snapshot is fetched once, then again whenever the
 * server's stream says the workspace changed. Fetches never overlap: changes announced while one
 * is in flight are gathered into the one that follows it.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { SandboxSnapshot } from "../contract";
import { errorText, fetchSnapshot, streamUrl } from "./api";

export interface Workspace {
  /** Undefined until the first snapshot of this person arrived. */
  snapshot: SandboxSnapshot | undefined;
  /** Why the last fetch failed; cleared by the next one that succeeds. */
  error: string | undefined;
  /** Asks for a fresh snapshot (after the person did something). */
  refresh: () => void;
}

export function useWorkspace(as: string): Workspace {
  const [snapshot, setSnapshot] = useState<SandboxSnapshot | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);
  const person = useRef(as);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const asked = person.current;
    fetchSnapshot(asked)
      .then((fresh) => {
        if (person.current !== asked) return;
        setSnapshot(fresh);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (person.current === asked) setError(errorText(failure));
      })
      .finally(() => {
        inFlight.current = false;
        if (again.current || person.current !== asked) {
          again.current = false;
          refresh();
        }
      });
  }, []);

  useEffect(() => {
    person.current = as;
    setSnapshot((shown) => (shown?.me.id === as ? shown : undefined));
    refresh();
    const stream = new EventSource(streamUrl(as));
    stream.addEventListener("changed", refresh);
    // After a lost connection the browser reconnects by itself; what changed meanwhile is fetched.
    stream.addEventListener("open", refresh);
    return () => stream.close();
  }, [as, refresh]);

  return { snapshot, error, refresh };
}
