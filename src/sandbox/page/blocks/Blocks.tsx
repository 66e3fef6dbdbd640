/**
 * Block Kit as Slack draws it. What only shows (headers, sections, context, dividers, rich text,
 * images) goes to slack-blocks-to-jsx; what a person can press (actions blocks, a section's
 * interactive accessory) is drawn by ./controls so the press reaches the app.
 */
import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import type { ReactNode } from "react";
import { type Block, Message } from "slack-blocks-to-jsx";
import { useDirectory } from "../directory";
import { messageLinkOf, useOpenMessage } from "../navigation";
import { type Act, Control, type Interactive } from "./controls";

/** A press as its owner sends it: the block it is in, and what was pressed or picked. */
export interface Press {
  blockId: string;
  actionId: string;
  selected?: string;
  date?: string;
}

/** Sends a press from this surface (a message, a modal, the Home); reports failures itself. */
export type OnPress = (press: Press) => Promise<void>;

type Part =
  | { kind: "shown"; blocks: KnownBlock[] }
  | { kind: "actions"; block: ActionsBlock }
  | { kind: "accessory"; block: SectionBlock; accessory: Interactive };

function isBlock(value: unknown): value is KnownBlock {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/** Consecutive blocks that only show are drawn together, as one message of the library. */
function partsOf(blocks: readonly unknown[]): Part[] {
  const parts: Part[] = [];
  for (const block of blocks.filter(isBlock)) {
    if (block.type === "actions") {
      parts.push({ kind: "actions", block });
    } else if (block.type === "section" && block.accessory && block.accessory.type !== "image") {
      parts.push({ kind: "accessory", block, accessory: block.accessory });
    } else {
      const last = parts.at(-1);
      if (last?.kind === "shown") last.blocks.push(block);
      else parts.push({ kind: "shown", blocks: [block] });
    }
  }
  return parts;
}

/** A block's id as the page sends it: "" for a block the app gave none. */
function blockIdOf(block: { block_id?: string }): string {
  return block.block_id ?? "";
}

/** Links open in a new tab, except links to messages, which open the message in the page. */
function useLink() {
  const openMessage = useOpenMessage();
  return ({ href, children, className }: { href: string; children: ReactNode; className: string }) => {
    const message = messageLinkOf(href);
    return (
      <a
        href={href}
        className={className}
        target="_blank"
        rel="noreferrer"
        onClick={(event) => {
          if (!message) return;
          event.preventDefault();
          openMessage(message);
        }}
      >
        {children}
      </a>
    );
  };
}

/** Blocks that only show, through the library, with the names it needs for mentions. */
function ShownBlocks({ blocks }: { blocks: KnownBlock[] }) {
  const { people, channels } = useDirectory();
  const link = useLink();
  return (
    <Message
      blocks={blocks as unknown as Block[]}
      logo=""
      name=""
      theme="light"
      withoutWrapper
      className="shown-blocks"
      data={{
        users: people.map((person) => ({ id: person.id, name: person.name })),
        channels: channels.map((channel) => ({ id: channel.id, name: channel.name })),
      }}
      hooks={{ link }}
    />
  );
}

export function Blocks({ blocks, onPress }: { blocks: readonly unknown[]; onPress: OnPress }) {
  return (
    <div className="blocks">
      {partsOf(blocks).map((part, index) => {
        const key = `${part.kind}-${index}`;
        if (part.kind === "shown") return <ShownBlocks key={key} blocks={part.blocks} />;
        const blockId = blockIdOf(part.block);
        const act: Act = (press) => onPress({ blockId, ...press });
        if (part.kind === "actions") {
          return (
            <div key={key} className="block-actions" data-block-id={part.block.block_id}>
              {part.block.elements.map((element, at) => (
                <Control key={element.action_id ?? at} element={element} act={act} />
              ))}
            </div>
          );
        }
        const { accessory: _accessory, ...text } = part.block;
        return (
          <div key={key} className="block-with-accessory" data-block-id={part.block.block_id}>
            <div className="block-text">
              <ShownBlocks blocks={[text]} />
            </div>
            <Control element={part.accessory} act={act} />
          </div>
        );
      })}
    </div>
  );
}

/** A message without blocks shows its text as Slack does: one mrkdwn section. */
export function textBlocks(text: string): KnownBlock[] {
  return text ? [{ type: "section", text: { type: "mrkdwn", text } }] : [];
}
