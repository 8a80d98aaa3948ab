import { useCallback, useMemo, useState, type ReactNode } from 'react'

import { Avatar } from '../../../avatars'
import type { SessionUser } from '../../../session/session-api'
import { reportMessage } from '../api/moderation-api'
import { addMember, removeMember } from '../api/rooms-api'
import { useChat } from '../hooks/use-chat'
import { sortedPeople, unreadOf } from '../model/people-reducer'
import { browsableRooms, sidebarRooms } from '../model/rooms-reducer'
import type { MentionCandidate } from '../model/mentions'
import { targetKey, type Target } from '../model/types'
import { BlockButton } from './block-button'
import { BlockedPeople } from './blocked-people'
import { BrowseRooms } from './browse-rooms'
import { ConnectionBadge } from './connection-badge'
import { ConversationView, type ConversationTitle } from './conversation-view'
import type { MessageActions } from './message-item'
import { MyReports } from './my-reports'
import { NotificationsButton } from './notifications-button'
import { Panel } from './panel'
import { PresenceText } from './presence-dot'
import { RoomForm } from './room-form'
import { RoomView } from './room-view'
import { Sidebar } from './sidebar'

type PanelName = 'create' | 'browse' | 'reports' | 'blocked'

export interface ChatScreenProps {
  user: SessionUser
  onLogout: () => void
  onLoggedOut: () => void
  // The message search in the top bar (another feature: the app shell passes it in; it opens a
  // hit through the message link, lib/message-link.ts).
  search?: ReactNode
  // Your profile, from the top bar's button (another feature: the app shell passes it in).
  renderProfile?: (close: () => void) => ReactNode
}

export function ChatScreen({ user, onLogout, onLoggedOut, search, renderProfile }: ChatScreenProps) {
  const chat = useChat(user, onLoggedOut)
  const [filter, setFilter] = useState('')
  const [profileOpen, setProfileOpen] = useState(false)
  // A pane in place of the conversation: creating a room, browsing the public ones, your reports,
  // the people you blocked. It stays over the conversation it was opened over: another one opened
  // (a link, Back) closes it.
  const [opened, setPanelOver] = useState<{ panel: PanelName; over: string } | null>(null)
  const people = useMemo(() => sortedPeople(chat.people, filter), [chat.people, filter])
  const rooms = useMemo(() => sidebarRooms(chat.rooms, filter), [chat.rooms, filter])
  const everyone = useMemo(
    () => Object.values(chat.people.byId).map((entry) => entry.user).sort((a, b) => a.name.localeCompare(b.name)),
    [chat.people],
  )
  const { shown, openTarget, retry, discard, edit, remove, react, send, loadOlder, open, openAt, roomActions } = chat
  const over = openTarget ? targetKey(openTarget) : ''
  const panel = opened?.over === over ? opened.panel : null
  const setPanel = (next: PanelName | null) => setPanelOver(next && { panel: next, over })
  const { blocks } = chat
  const peer = openTarget?.kind === 'dm' ? (chat.people.byId[openTarget.id]?.user ?? null) : null

  const actions = useMemo<MessageActions | null>(
    () =>
      shown === null
        ? null
        : {
            onRetry: (tempId) => retry(shown, tempId),
            onDiscard: (tempId) => discard(shown, tempId),
            onEdit: (id, content, mentions) => edit(shown, id, content, mentions),
            onDelete: (id) => remove(shown, id),
            onReport: (id, report) => reportMessage({ message: id, ...report }),
            onJump: (id) => openAt(shown, id),
            onReact: (id, emoji) => void react(shown, id, emoji),
          },
    [shown, retry, discard, edit, remove, react, openAt],
  )
  const onLoadOlder = useCallback(() => {
    if (shown !== null) void loadOlder(shown)
  }, [shown, loadOlder])
  const openFromList = useCallback(
    (target: Target | null) => {
      setPanelOver(null)
      open(target)
    },
    [open],
  )

  const conversation = (title: ConversationTitle, unread: number, mentionables?: MentionCandidate[], composerNotice?: ReactNode) =>
    shown && actions ? (
      <ConversationView
        conversation={title}
        me={user.id}
        messages={chat.conversations[title.key]}
        actions={actions}
        onSend={send}
        mentionables={mentionables}
        unread={unread}
        atBottom={chat.atBottom}
        onAtBottomChange={chat.setAtBottom}
        draft={chat.draftFor(title.key)}
        onDraftChange={(text) => chat.saveDraft(title.key, text)}
        onLoadOlder={onLoadOlder}
        onBack={() => openFromList(null)}
        typing={chat.typingNames}
        onTyping={chat.onTyping}
        seenId={title.room ? null : chat.seenId}
        blocked={title.room ? blocks.blockedIds : undefined}
        composerNotice={composerNotice}
        focusMessage={chat.focusMessage}
        notice={chat.jumpNotice}
        onDismissNotice={chat.dismissJumpNotice}
        pendingDeletes={chat.pendingDeletes}
        onUndoDelete={chat.undoDelete}
      />
    ) : null

  let main
  if (panel === 'create') {
    main = (
      <Panel title="Create a room" onClose={() => setPanel(null)}>
        <RoomForm
          submitLabel="Create room"
          onSubmit={async (fields) => openFromList({ kind: 'room', id: await roomActions.create(fields) })}
        />
      </Panel>
    )
  } else if (panel === 'browse') {
    main = (
      <Panel title="Browse rooms" onClose={() => setPanel(null)}>
        <BrowseRooms
          rooms={browsableRooms(chat.rooms)}
          onJoin={async (id) => {
            await roomActions.join(id)
            openFromList({ kind: 'room', id })
          }}
        />
      </Panel>
    )
  } else if (panel === 'reports') {
    main = (
      <Panel title="Your reports" onClose={() => setPanel(null)}>
        <MyReports />
      </Panel>
    )
  } else if (panel === 'blocked') {
    main = (
      <Panel title="Blocked people" onClose={() => setPanel(null)}>
        <BlockedPeople people={blocks.loaded ? blocks.people : null} onUnblock={blocks.unblock} />
      </Panel>
    )
  } else if (openTarget?.kind === 'room') {
    const room = chat.openRoom
    main = (
      <RoomView
        key={openTarget.id}
        id={openTarget.id}
        room={room}
        loaded={chat.rooms.loaded}
        me={user.id}
        members={chat.members}
        everyone={everyone}
        onJoin={roomActions.join}
        onLeave={async (id) => {
          await roomActions.leave(id)
          openFromList(null)
        }}
        onUpdate={roomActions.update}
        onAddMember={addMember}
        onRemoveMember={(id, member) => (member === user.id ? roomActions.leave(id) : removeMember(id, member))}
        onBack={() => openFromList(null)}
        onNotify={roomActions.setNotify}
        presenceOf={chat.presenceOf}
        renderConversation={(details, mentionables) =>
          room &&
          conversation(
            { key: targetKey(openTarget), title: `#${room.name}`, label: `Room #${room.name}`, logLabel: `Messages in #${room.name}`, room: true, details },
            unreadOf(room),
            mentionables,
          )
        }
      />
    )
  } else if (peer) {
    const title = peer.id === user.id ? `${peer.name} (you)` : peer.name
    const entry = chat.people.byId[peer.id]
    const blocked = blocks.blockedIds.has(peer.id)
    const details =
      peer.id === user.id ? undefined : (
        <div className="room-details">
          <PresenceText entry={chat.presenceOf(peer.id)} />
          <BlockButton person={peer} blocked={blocked} onBlock={blocks.block} onUnblock={blocks.unblock} />
        </div>
      )
    // Blocked by you: nothing can be sent (the server refuses it), so the composer says why.
    const notice = blocked && (
      <p>
        You blocked {peer.name}.{' '}
        <button type="button" className="link" onClick={() => void blocks.unblock(peer.id).catch(chat.report)}>
          Unblock
        </button>{' '}
        to send messages.
      </p>
    )
    main = conversation(
      { key: targetKey({ kind: 'dm', id: peer.id }), title, label: `Conversation with ${title}`, logLabel: `Messages with ${title}`, room: false, details },
      entry ? unreadOf(entry) : 0,
      undefined,
      notice || undefined,
    )
  }

  return (
    <div className={`chat${main ? ' has-open' : ''}`}>
      <header className="topbar">
        <span className="brand">Payload Chat</span>
        {search}
        <ConnectionBadge connection={chat.connection} leader={chat.leader} onReconnect={chat.reconnect} />
        <NotificationsButton permission={chat.notifications.permission} onEnable={() => void chat.notifications.enable()} />
        <button type="button" className="me" title={user.email} aria-haspopup="dialog" aria-label={`Your profile (${user.name})`} disabled={!renderProfile} onClick={() => setProfileOpen(true)}>
          <Avatar user={user} className="tiny" />
          <span className="me-name">{user.name}</span>
        </button>
        {profileOpen && renderProfile?.(() => setProfileOpen(false))}
        <button type="button" className="link" onClick={() => setPanel('reports')}>
          My reports
        </button>
        <button type="button" className="link" onClick={() => setPanel('blocked')}>
          Blocked people
        </button>
        <button type="button" onClick={onLogout}>
          Log out
        </button>
      </header>
      {chat.error && (
        <div className="banner" role="alert">
          <span>{chat.error}</span>
          <button type="button" className="link" onClick={chat.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      {chat.rooms.notice && (
        <div className="banner notice" role="status">
          <span>{chat.rooms.notice}</span>
          <button type="button" className="link" onClick={roomActions.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <div className="panes">
        <Sidebar
          rooms={rooms}
          people={people}
          me={user.id}
          open={openTarget}
          filter={filter}
          onFilter={setFilter}
          onOpen={openFromList}
          onCreateRoom={() => setPanel('create')}
          presenceOf={chat.presenceOf}
          onBrowseRooms={() => {
            // The list learns of new public rooms only when asked.
            void roomActions.reload()
            setPanel('browse')
          }}
        />
        {main ?? (
          <section className="conversation empty-state" aria-label="No conversation open">
            <p className="muted">Pick a room or someone on the left to start chatting.</p>
          </section>
        )}
      </div>
    </div>
  )
}
