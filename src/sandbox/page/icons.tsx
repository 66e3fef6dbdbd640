/** Slack's small icons, drawn inline so they show on every machine, emoji fonts or not. */
import type { ReactNode } from "react";

function Icon({ children, size = 14, label }: { children: ReactNode; size?: number; label?: string }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {children}
    </svg>
  );
}

export function LockIcon({ size }: { size?: number }) {
  return (
    <Icon size={size} label="private">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </Icon>
  );
}

function HashIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M6 2 4.5 14M11.5 2 10 14M2.5 5.5h11M2 10.5h11" />
    </Icon>
  );
}

export function SharedIcon({ label }: { label: string }) {
  return (
    <Icon label={label}>
      <path d="M2 5.5h10l-2.5-2.5M14 10.5H4l2.5 2.5" />
    </Icon>
  );
}

export function PinIcon() {
  return (
    <Icon size={12}>
      <path d="M10 2 14 6l-2 1-2.5 2.5.5 3-1 1L6 10l-3.5 3.5M6 10 3 7l1-1 3 .5L9.5 4l.5-2Z" />
    </Icon>
  );
}

export function EyeIcon() {
  return (
    <Icon size={12}>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z" />
      <circle cx="8" cy="8" r="2" />
    </Icon>
  );
}

export function FileIcon() {
  return (
    <Icon size={22}>
      <path d="M4 1.5h5.5L12.5 4.5v10h-8.5z" />
      <path d="M9.5 1.5v3h3M6 8.5h4.5M6 11h4.5" />
    </Icon>
  );
}

export function ThreadIcon() {
  return (
    <Icon>
      <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
    </Icon>
  );
}

export function MoreIcon() {
  return (
    <Icon>
      <circle cx="3.5" cy="8" r="0.6" />
      <circle cx="8" cy="8" r="0.6" />
      <circle cx="12.5" cy="8" r="0.6" />
    </Icon>
  );
}

export function SendIcon() {
  return (
    <Icon>
      <path d="M2 8h9M2 2.5 14 8 2 13.5l2-5.5" />
    </Icon>
  );
}

/** The channel's sign: a lock for a private channel, a hash otherwise. */
export function ChannelSign({ isPrivate, size }: { isPrivate: boolean; size?: number }) {
  return isPrivate ? <LockIcon size={size} /> : <HashIcon size={size} />;
}
