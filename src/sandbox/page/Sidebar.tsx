/**
 * Slack's sidebar: who the page plays (any person of the sandbox), their channels, the app under
 * "Apps", their pending Slack Connect invitations, and the button that loads a demo tender.
 */
import { useState } from "react";
import type { SandboxChannel, SandboxPerson, SandboxSnapshot } from "../contract";
import { errorText, post } from "./api";
import { ChannelSign, LockIcon, SharedIcon } from "./icons";
import { useNotices } from "./notice";

interface SidebarProps {
  snapshot: SandboxSnapshot;
  selected: string | undefined;
  onPerson: (id: string) => void;
  onChannel: (id: string) => void;
}

function personLabel(person: SandboxPerson): string {
  const where = person.external ? `external · ${person.organisation}` : person.organisation;
  return `${person.name} — ${person.title}, ${where}`;
}

export function Sidebar({ snapshot, selected, onPerson, onChannel }: SidebarProps) {
  const { me } = snapshot;
  const channels = snapshot.channels.filter((channel) => channel.kind === "channel");
  const apps = snapshot.channels.filter((channel) => channel.kind === "app");
  return (
    <nav className="sidebar">
      <div className="workspace">
        <div className="workspace-name">{me.organisation}</div>
        <select
          className="person-switcher"
          data-testid="person-switcher"
          aria-label="Act as"
          value={me.id}
          onChange={(event) => onPerson(event.target.value)}
        >
          {snapshot.people.map((person) => (
            <option key={person.id} value={person.id}>
              {personLabel(person)}
            </option>
          ))}
        </select>
        <div className="me">
          <span className="presence" aria-hidden="true" />
          {me.name} · {me.title}
          {me.external && <span className="external-badge">external · {me.organisation}</span>}
        </div>
      </div>
      <DemoButton as={me.id} />
      <div className="sidebar-section">Channels</div>
      {channels.map((channel) => (
        <ChannelItem
          key={channel.id}
          channel={channel}
          testId={`channel-${channel.name}`}
          active={channel.id === selected}
          onClick={() => onChannel(channel.id)}
        />
      ))}
      <div className="sidebar-section">Apps</div>
      {apps.map((channel) => (
        <ChannelItem
          key={channel.id}
          channel={channel}
          testId="channel-app"
          active={channel.id === selected}
          onClick={() => onChannel(channel.id)}
        />
      ))}
      {snapshot.invitations.length > 0 && <Invitations snapshot={snapshot} />}
    </nav>
  );
}

interface ItemProps {
  channel: SandboxChannel;
  testId: string;
  active: boolean;
  onClick: () => void;
}

function ChannelItem({ channel, testId, active, onClick }: ItemProps) {
  const others = channel.organisations.slice(1);
  return (
    <button
      type="button"
      className={`sidebar-item${active ? " active" : ""}`}
      data-testid={testId}
      title={channel.shared ? `${channel.name} · shared with ${others.join(", ")}` : channel.name}
      onClick={onClick}
    >
      <span className="item-icon" aria-hidden="true">
        {channel.kind === "app" ? (
          <span className="app-avatar tiny">TR</span>
        ) : (
          <ChannelSign isPrivate={channel.isPrivate} />
        )}
      </span>
      <span className="item-name">{channel.name}</span>
      {channel.shared && channel.kind === "channel" && (
        <span className="shared-mark">
          <SharedIcon label={`shared with ${others.join(", ")}`} />
        </span>
      )}
    </button>
  );
}

function Invitations({ snapshot }: { snapshot: SandboxSnapshot }) {
  const { report, refresh } = useNotices();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const answer = async (id: string, accept: boolean) => {
    setBusy(id);
    try {
      await post("invitation", { as: snapshot.me.id, id, accept });
    } catch (error) {
      report(errorText(error));
    } finally {
      setBusy(undefined);
      refresh();
    }
  };
  return (
    <>
      <div className="sidebar-section">Invitations</div>
      {snapshot.invitations.map((invitation) => (
        <div key={invitation.id} className="invitation" data-testid={`invitation-${invitation.channelName}`}>
          <div className="invitation-text">
            <b>{invitation.from}</b> invites you to <LockIcon size={11} /> {invitation.channelName}
          </div>
          <div className="invitation-buttons">
            <button
              type="button"
              className="sk-button primary-filled small"
              data-testid={`invitation-accept-${invitation.channelName}`}
              disabled={busy === invitation.id}
              onClick={() => void answer(invitation.id, true)}
            >
              Accept
            </button>
            <button
              type="button"
              className="sk-button small on-dark"
              data-testid={`invitation-decline-${invitation.channelName}`}
              disabled={busy === invitation.id}
              onClick={() => void answer(invitation.id, false)}
            >
              Decline
            </button>
          </div>
        </div>
      ))}
    </>
  );
}

function DemoButton({ as }: { as: string }) {
  const { refresh } = useNotices();
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const load = async () => {
    setLoading(true);
    setFailure(undefined);
    try {
      await post("demo", { as });
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setLoading(false);
      refresh();
    }
  };
  return (
    <div className="demo">
      <button
        type="button"
        className="demo-button"
        data-testid="demo-button"
        disabled={loading}
        onClick={() => void load()}
      >
        {loading ? (
          <>
            <span className="spinner" aria-hidden="true" /> Loading the demo tender…
          </>
        ) : (
          "Load a demo tender"
        )}
      </button>
      {failure && (
        <div className="demo-error" data-testid="demo-error" role="alert">
          {failure}
        </div>
      )}
    </div>
  );
}
