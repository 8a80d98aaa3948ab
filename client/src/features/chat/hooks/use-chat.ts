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
import { seenMessageId } from '../model/seen'
import { targetKey, type AttachmentRef, type Target, type UserRef } from '../model/types'
import { useBlocks } from './use-blocks'
import { useChatStream } from './use-chat-stream'
import { useConnection } from './use-connection'
import { useConversations } from './use-conversations'
import { useDrafts } from './use-drafts'
import { useErrorBanner } from './use-error-banner'
import { useJump } from './use-jump'
import { useOpenTarget } from './use-open-target'
import { usePeople } from './use-people'
import { useReadMarking } from './use-read-marking'
import { useResync } from './use-resync'
import { useRoomMembers } from './use-room-members'
import { useRooms } from './use-rooms'
import { useUnreadTitle } from './use-unread-title'
import { useBrowserPresence } from './use-browser-presence'
import { useMessageNotifier } from './use-message-notifier'
import { useNotifications } from './use-notifications'
import { usePresence, useWatchPresence } from './use-presence'
import { useTyping } from './use-typing'
import { useUndoDelete } from './use-undo-delete'

export function useChat(user: UserRef, onLoggedOut: () => void) {
  const me = user.id
  const [position] = useState(() => new FeedPosition())
  const banner = useErrorBanner(onLoggedOut)
  const people = usePeople(me, banner.report)
  const rooms = useRooms(me, banner.report, position)
  const conversations = useConversations(user, banner.report, position)
  const blocks = useBlocks(banner.report)
  const { openTarget, open, jump: jumpRequest, openAt } = useOpenTarget()

  // What the open conversation may show: a DM, or a room you are in. A room named by the URL that
  // you may not see (private, or gone) shows nothing of it; a public one offers to join.
  const openRoom = openTarget?.kind === 'room' ? roomFor(rooms.rooms, openTarget.id) : null
  const readable = openTarget !== null && (openTarget.kind === 'dm' || openRoom?.isMember === true)
  const shownKind = readable ? openTarget.kind : null
  const shownId = readable ? openTarget.id : null
  // One object per conversation shown, so effects keyed on it run when it changes only.
  const shown = useMemo<Target | null>(() => (shownKind === null || shownId === null ? null : { kind: shownKind, id: shownId }), [shownKind, shownId])
  const openKey = shown === null ? null : targetKey(shown)
  const openMessages = openKey === null ? undefined : conversations.conversations[openKey]
  const jump = useJump(shown, jumpRequest, openMessages, conversations.loadOlder)
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

  const { read: readPerson, renamed } = people
  // Your own new name (the profile) in your entry of the people list.
  useEffect(() => renamed({ id: me, name: user.name }), [renamed, me, user.name])
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

  const presence = usePresence()
  const typing = useTyping(me, shown)
  const notifications = useNotifications()
  // How many times the stream said `ready`: presence is asked again on each.
  const [readyCount, setReadyCount] = useState(0)

  const resync = useResync(() => {
    conversations.reload(shown)
    void people.reload()
    void rooms.reload()
    void blocks.reload()
  }, conversations.resendUnreached)
  const stream = useChatStream(
    me,
    position,
    {
      ready: (ready) => {
        notifier.ready(ready.cursor)
        resync.ready()
        setReadyCount((count) => count + 1)
      },
      reset: resync.reset,
      change: (change) => {
        conversations.apply(change)
        people.apply(change, readingTarget?.kind === 'dm' ? readingTarget.id : null)
        rooms.apply(change, readingTarget?.kind === 'room' ? readingTarget.id : null)
        if (change.kind === 'created') {
          typing.arrived(change.message)
          notifier.notify(change.message, change.position)
        }
      },
      reactions: conversations.applyReactions,
      room: (event) => {
        rooms.applyEvent(event)
        // Removed or left: nothing of the room stays in this tab.
        if (event.kind === 'left' && event.change.user.id === me) conversations.forget({ kind: 'room', id: event.change.room.id })
      },
      read: people.peerRead,
      presence: presence.apply,
      typing: typing.apply,
    },
    onLoggedOut,
    sharing,
  )
  const connection = useConnection(stream.status, banner.networkRestored)
  const drafts = useDrafts()
  useUnreadTitle(totalUnread(people.people) + totalRoomUnread(rooms.rooms))
  const members = useRoomMembers(openRoom?.isMember ? openRoom.id : null, openRoom?.countAt ?? 0, banner.report)
  const notifier = useMessageNotifier({
    me,
    leader: stream.leader,
    tabs: stream.tabs,
    rooms: rooms.rooms,
    permitted: notifications.granted,
    show: notifications.show,
    open,
  })
  // Without a shared stream no tab knows the browser's visibility: one hidden tab must not mark
  // the person away while another is visible, so nothing is reported (the server keeps online).
  useBrowserPresence(stream.leader && stream.shared, stream.tabs, readyCount)
  useWatchPresence(presence.refresh, people.people, members, readyCount)
  const presenceOf = useCallback((user: number) => presence.presence.byUser[user], [presence.presence])
  const typists = openKey === null ? [] : typing.typistsIn(openKey)
  const typingNames = typists.map((id) => people.people.byId[id]?.user.name ?? 'Someone')
  const peerRead = shown?.kind === 'dm' && shown.id !== me ? (people.people.byId[shown.id]?.peerLastReadId ?? 0) : 0
  const seenId = openMessages && peerRead > 0 ? seenMessageId(openMessages.items, me, peerRead) : null

  const { sent: typingSent } = typing
  const send = useCallback(
    (content: string, mentions?: Mentions, replyTo?: number | null, attachments?: AttachmentRef[]) => {
      if (shown) conversations.send(shown, content, mentions, replyTo, attachments)
      typingSent()
    },
    [shown, conversations, typingSent],
  )
  const undoDelete = useUndoDelete({ openKey, hide: conversations.hide, unhide: conversations.unhide, commit: conversations.remove })

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
    openAt,
    focusMessage: jump.focus,
    jumpNotice: jump.notice,
    dismissJumpNotice: jump.dismiss,
    connection,
    leader: stream.leader,
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
    remove: undoDelete.schedule,
    pendingDeletes: undoDelete.pending,
    undoDelete: undoDelete.undo,
    react: conversations.react,
    blocks,
    presenceOf,
    typingNames,
    onTyping: typing.typing,
    seenId,
    notifications: { permission: notifications.permission, enable: notifications.enable },
  }
}
