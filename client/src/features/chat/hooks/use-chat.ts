// The chat screen's hooks put together. Each piece of state has one owner: the people list
// (usePeople), the rooms list (useRooms), the conversations and their messages (useConversations),
// the open conversation (useOpenTarget), reading (useReadMarking), the error banner, drafts; the
// stream only reports changes, and this hook routes them to the owners.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { Mentions } from '../api/chat-api'
import { useVisible } from '../../../hooks/use-visible'
import { FeedPosition } from '../model/feed-position'
import { totalUnread } from '../model/people-reducer'
import { roomFor, totalRoomUnread } from '../model/rooms-reducer'
import { targetKey, type Target, type UserRef } from '../model/types'
import { useChatStream } from './use-chat-stream'
import { useConnection } from './use-connection'
import { useConversations } from './use-conversations'
import { useDrafts } from './use-drafts'
import { useErrorBanner } from './use-error-banner'
import { useOpenTarget } from './use-open-target'
import { usePeople } from './use-people'
import { useReadMarking } from './use-read-marking'
import { useResync } from './use-resync'
import { useRoomMembers } from './use-room-members'
import { useRooms } from './use-rooms'
import { useUnreadTitle } from './use-unread-title'

export function useChat(user: UserRef, onLoggedOut: () => void) {
  const me = user.id
  const [position] = useState(() => new FeedPosition())
  const banner = useErrorBanner(onLoggedOut)
  const people = usePeople(me, banner.report)
  const rooms = useRooms(me, banner.report, position)
  const conversations = useConversations(user, banner.report, position)
  const { openTarget, open } = useOpenTarget()

  // What the open conversation may show: a DM, or a room you are in. A room named by the URL that
  // you may not see (private, or gone) shows nothing of it; a public one offers to join.
  const openRoom = openTarget?.kind === 'room' ? roomFor(rooms.rooms, openTarget.id) : null
  const readable = openTarget !== null && (openTarget.kind === 'dm' || openRoom?.isMember === true)
  const shownKind = readable ? openTarget.kind : null
  const shownId = readable ? openTarget.id : null
  // One object per conversation shown, so effects keyed on it run when it changes only.
  const shown = useMemo<Target | null>(() => (shownKind === null || shownId === null ? null : { kind: shownKind, id: shownId }), [shownKind, shownId])
  const openKey = shown === null ? null : targetKey(shown)
  const { open: load } = conversations
  useEffect(() => {
    if (shown) load(shown)
  }, [shown, load])
  // A room the list does not know (created since it loaded, e.g. a link just shared): ask the
  // server once whether you may see it; if not, it stays "not found".
  const askedRef = useRef(new Set<number>())
  const unknownRoom = openTarget?.kind === 'room' && rooms.rooms.loaded && !rooms.rooms.byId[openTarget.id] ? openTarget.id : null
  const { reload: reloadRooms } = rooms
  useEffect(() => {
    if (unknownRoom === null || askedRef.current.has(unknownRoom)) return
    askedRef.current.add(unknownRoom)
    void reloadRooms()
  }, [unknownRoom, reloadRooms])

  const { read: readPerson } = people
  const { read: readRoom } = rooms
  const read = useCallback(
    (target: Target, upTo: number) => (target.kind === 'dm' ? readPerson(target.id, upTo) : readRoom(target.id, upTo)),
    [readPerson, readRoom],
  )
  const reading = useReadMarking({
    openTarget: shown,
    messages: openKey === null ? undefined : conversations.conversations[openKey],
    counts: shown === null ? undefined : shown.kind === 'dm' ? people.people.byId[shown.id] : (openRoom ?? undefined),
    read,
  })
  const readingTarget = reading.readingTarget

  // One stream per browser for this user; the leader learns which tab shows what.
  const visible = useVisible()
  const sharing = useMemo(() => ({ key: `user:${me}`, tab: { visible, open: openKey } }), [me, visible, openKey])

  const resync = useResync(() => {
    conversations.reload(shown)
    void people.reload()
    void rooms.reload()
  }, conversations.resendUnreached)
  const stream = useChatStream(
    position,
    {
      ...resync,
      change: (change) => {
        conversations.apply(change)
        people.apply(change, readingTarget?.kind === 'dm' ? readingTarget.id : null)
        rooms.apply(change, readingTarget?.kind === 'room' ? readingTarget.id : null)
      },
      room: (event) => {
        rooms.applyEvent(event)
        // Removed or left: nothing of the room stays in this tab.
        if (event.kind === 'left' && event.change.user.id === me) conversations.forget({ kind: 'room', id: event.change.room.id })
      },
      read: () => {},
      presence: () => {},
      typing: () => {},
    },
    onLoggedOut,
    sharing,
  )
  const connection = useConnection(stream.status, banner.networkRestored)
  const drafts = useDrafts()
  useUnreadTitle(totalUnread(people.people) + totalRoomUnread(rooms.rooms))
  const members = useRoomMembers(openRoom?.isMember ? openRoom.id : null, openRoom?.countAt ?? 0, banner.report)

  const send = useCallback(
    (content: string, mentions?: Mentions) => {
      if (shown) conversations.send(shown, content, mentions)
    },
    [shown, conversations],
  )

  return {
    people: people.people,
    rooms: rooms.rooms,
    roomActions: rooms,
    conversations: conversations.conversations,
    openTarget,
    shown,
    openRoom,
    members,
    open,
    connection,
    reconnect: stream.reconnect,
    error: banner.message,
    report: banner.report,
    dismissError: banner.dismiss,
    loadOlder: conversations.loadOlder,
    atBottom: reading.atBottom,
    setAtBottom: reading.setAtBottom,
    draftFor: drafts.draftFor,
    saveDraft: drafts.saveDraft,
    send,
    retry: conversations.retry,
    discard: conversations.discard,
    edit: conversations.edit,
    remove: conversations.remove,
  }
}
