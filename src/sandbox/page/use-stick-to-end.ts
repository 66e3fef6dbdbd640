import { useEffect, useRef } from "react";

/**
 * Keeps a scrolled box at its end while the person is there, as Slack does: new messages, and
 * messages growing as they are drawn or updated, stay in view; scrolling up to read stops it.
 */
export function useStickToEnd() {
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useEffect(() => {
    const scroller = box.current;
    const inner = content.current;
    if (!scroller || !inner) return;
    const stick = () => {
      if (atEnd.current) scroller.scrollTop = scroller.scrollHeight;
    };
    const observer = new ResizeObserver(stick);
    observer.observe(inner);
    stick();
    return () => observer.disconnect();
  }, []);
  const onScroll = () => {
    const scroller = box.current;
    if (scroller) atEnd.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  };
  return { box, content, onScroll };
}
