import { useCallback, useMemo, useState } from 'react'

import type { SessionUser } from '../../../session/session-api'
import { useChat } from '../hooks/use-chat'
import { sortedPeople, unreadOf } from '../model/people-reducer'
import { ConnectionBadge } from './connection-badge'
import { ConversationView } from './conversation-view'
import type { MessageActions } from './message-item'
import { PeopleList } from './people-list'

export interface ChatScreenProps {
  user: SessionUser
  onLogout: () => void
  onLoggedOut: () => void
}

export function ChatScreen({ user, onLogout, onLoggedOut }: ChatScreenProps) {
  const chat = useChat(user.id, onLoggedOut)
  const [filter, setFilter] = useState('')
  const people = useMemo(() => sortedPeople(chat.people, filter), [chat.people, filter])
  const peer = chat.openPeer === null ? null : (chat.people.byId[chat.openPeer]?.user ?? null)
  const { openPeer, retry, discard, edit, remove, send, loadOlder } = chat

  const actions = useMemo<MessageActions | null>(
    () =>
      openPeer === null
        ? null
        : {
            onRetry: (tempId) => retry(openPeer, tempId),
            onDiscard: (tempId) => discard(openPeer, tempId),
            onEdit: (id, content) => edit(openPeer, id, content),
            onDelete: (id) => remove(openPeer, id),
          },
    [openPeer, retry, discard, edit, remove],
  )
  const onLoadOlder = useCallback(() => {
    if (openPeer !== null) void loadOlder(openPeer)
  }, [openPeer, loadOlder])

  return (
    <div className={`chat${peer ? ' has-open' : ''}`}>
      <header className="topbar">
        <span className="brand">Payload Chat</span>
        <ConnectionBadge connection={chat.connection} onReconnect={chat.reconnect} />
        <span className="me" title={user.email}>
          {user.name}
        </span>
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
      <div className="panes">
        <PeopleList
          people={people}
          me={user.id}
          openPeer={chat.openPeer}
          filter={filter}
          onFilter={setFilter}
          onOpen={chat.open}
        />
        {peer && actions ? (
          <ConversationView
            peer={peer}
            me={user.id}
            messages={chat.conversations[peer.id]}
            actions={actions}
            onSend={(content) => send(peer.id, content)}
            unread={chat.people.byId[peer.id] ? unreadOf(chat.people.byId[peer.id]) : 0}
            atBottom={chat.atBottom}
            onAtBottomChange={chat.setAtBottom}
            draft={chat.draftFor(peer.id)}
            onDraftChange={(text) => chat.saveDraft(peer.id, text)}
            onLoadOlder={onLoadOlder}
            onBack={() => chat.open(null)}
          />
        ) : (
          <section className="conversation empty-state" aria-label="No conversation open">
            <p className="muted">Pick someone on the left to start chatting.</p>
          </section>
        )}
      </div>
    </div>
  )
}
