/** Slack channel names: at most 80 lowercase letters, digits, hyphens and underscores. */
const SLACK_CHANNEL_NAME_MAX = 80;

/** Lowercase ASCII letters, digits and hyphens: what a Slack channel name accepts everywhere. */
export function slugify(text: string, max = 40): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
}

export function teamChannelName(tenderSlug: string): string {
  return `tender-${tenderSlug}`.slice(0, SLACK_CHANNEL_NAME_MAX);
}

export function sellerChannelName(tenderSlug: string, sellerSlug: string): string {
  return `tender-${tenderSlug}-${sellerSlug}`.slice(0, SLACK_CHANNEL_NAME_MAX);
}

/** The name to try after `name` was taken: `-2`, `-3`, ... kept within Slack's length limit. */
export function nextFreeName(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${base.slice(0, SLACK_CHANNEL_NAME_MAX - suffix.length).replace(/-+$/g, "")}${suffix}`;
}
