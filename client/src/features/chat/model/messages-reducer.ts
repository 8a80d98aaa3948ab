// The messages of one conversation. Pure: every server fact (REST page, stream event, POST answer) is
// merged idempotently by message id, so duplicates and replays change nothing. Each copy carries
// its change-feed position: a stream event's id, or for a REST answer the position the stream had
// reached when it was asked (the answer is at least that new). A copy from an earlier position
// never replaces one from a later position. Positions, not updatedAt: the feed's order is the
// commit order, which no writer can influence.
import { pendingOverrides, withOverride, withoutOverride } from './reactions'
import { sentAt, type AttachmentRef, type ChatItem, type Message, type Reaction, type RemovedBy, type Target, type UserRef } from './types'

export interface MessagesState {
  items: ChatItem[] // ascending: confirmed by id, then local (id-less) items in send order
  loaded: boolean
  hasMore: boolean
  deletedIds: number[] // deletions seen, so a late created/updated cannot bring a message back
  deletingIds: number[] // deletions this client asked for: they vanish instead of leaving a line
  hiddenIds: number[] // deletions waiting out their undo time (or being sent): not shown
}

export const initialMessages: MessagesState = {
  items: [],
  loaded: false,
  hasMore: true,
  deletedIds: [],
  deletingIds: [],
  hiddenIds: [],
}

// `position`: see above. Left out (0), the copy is older than any copy with a position.
export type MessagesAction =
  | { type: 'page-loaded'; messages: Message[]; hasMore: boolean; position?: number }
  | { type: 'created'; message: Message; me: number; position?: number }
  | { type: 'updated'; message: Message; position?: number }
  | { type: 'deleted'; id: number; by?: RemovedBy } // by: who removed it (the stream says; 'sender' when left out)
  | {
      type: 'send-started'
      tempId: string
      sender: UserRef
      target: Target
      content: string
      attachments?: AttachmentRef[]
      mentions?: number[]
      mentionsRoom?: boolean
      replyTo?: number | null
      at: string
    }
  | { type: 'send-confirmed'; tempId: string; message: Message; position?: number }
  | { type: 'send-failed'; tempId: string; error: string }
  | { type: 'send-retried'; tempId: string }
  | { type: 'send-discarded'; tempId: string }
  | { type: 'delete-requested'; id: number }
  | { type: 'delete-failed'; id: number; error?: string } // shown again, with the error
  | { type: 'delete-scheduled'; id: number } // hidden while the undo toast lasts
  | { type: 'delete-undone'; id: number }
  // A message's reactions as of `position` (a stream event, or the answer to a toggle: the position
  // when it was asked).
  | { type: 'reactions'; id: number; reactions: Reaction[]; position?: number }
  // This user toggled a reaction (shown at once) / the server refused it (put back).
  | { type: 'reaction-requested'; id: number; emoji: string; user: number; reacted: boolean }
  | { type: 'reaction-failed'; id: number; emoji: string; user: number }
  | { type: 'opened' } // about to load: from now on live events are kept
  | { type: 'reset' }

const fromMessage = (message: Message, position: number, base?: ChatItem): ChatItem => ({
  key: base?.key ?? `m:${message.id}`,
  id: message.id,
  tempId: base?.tempId ?? null,
  senderId: message.sender.id,
  senderName: message.sender.name,
  receiverId: message.receiver?.id ?? null,
  roomId: message.room?.id ?? null,
  mentions: message.mentions ?? [],
  mentionsRoom: message.mentionsRoom ?? false,
  content: message.content,
  attachments: message.attachments ?? [],
  timestamp: sentAt(message),
  editedAt: message.editedAt ?? null,
  editedByModerator: message.editedByModerator ?? false,
  position,
  status: 'confirmed',
  replyTo: message.replyTo ?? null,
  replyQuote: message.replyQuote ?? null,
  reactions: message.reactions ?? [],
  myReactions: pendingOverrides(base?.myReactions ?? [], message.reactions ?? []),
})

function sortItems(items: ChatItem[]): ChatItem[] {
  const withId = items.filter((item) => item.id !== null).sort((a, b) => a.id! - b.id!)
  return [...withId, ...items.filter((item) => item.id === null)]
}

// Applies a server copy of a message: a copy from a later feed position wins (at the same
// position the one applied last, which is at least as new), a removed message stays removed.
function upsert(state: MessagesState, message: Message, position = 0): MessagesState {
  if (state.deletedIds.includes(message.id)) return state
  const index = state.items.findIndex((item) => item.id === message.id)
  if (index === -1) return { ...state, items: sortItems([...state.items, fromMessage(message, position)]) }
  const current = state.items[index]
  if (current.status === 'confirmed' && current.position > position) return state
  const items = state.items.slice()
  items[index] = fromMessage(message, position, current)
  return { ...state, items }
}

const without = (ids: number[], id: number) => ids.filter((other) => other !== id)

// Changes the message with id `id` (a confirmed one) with what `change` makes of it.
const updateItem = (state: MessagesState, id: number, change: (item: ChatItem) => Partial<ChatItem>): MessagesState => {
  const index = state.items.findIndex((item) => item.id === id)
  if (index === -1) return state
  const items = state.items.slice()
  items[index] = { ...items[index], ...change(items[index]) }
  return { ...state, items }
}

const replaceItem = (state: MessagesState, match: (item: ChatItem) => boolean, change: Partial<ChatItem>) => ({
  ...state,
  items: state.items.map((item) => (match(item) ? { ...item, ...change } : item)),
})

export function messagesReducer(state: MessagesState, action: MessagesAction): MessagesState {
  switch (action.type) {
    case 'page-loaded': {
      let next: MessagesState = { ...state, loaded: true, hasMore: action.hasMore }
      for (const message of action.messages) next = upsert(next, message, action.position)
      return next
    }
    case 'created': {
      const known = state.items.some((item) => item.id === action.message.id)
      if (!known && action.message.sender.id === action.me && !state.deletedIds.includes(action.message.id)) {
        // Our own message echoed by the stream before the POST answered, or after a POST whose
        // answer was lost (failed here, stored there): the item whose tempId the message carries
        // as its clientId. Without a key (an older client), the oldest pending item with the same
        // text. Give it the id now; the POST answer then finds it by id.
        const { clientId } = action.message
        const pending = state.items.find((item) =>
          clientId
            ? item.id === null && item.tempId === clientId
            : item.id === null &&
              item.status !== 'failed' &&
              item.receiverId === (action.message.receiver?.id ?? null) &&
              item.roomId === (action.message.room?.id ?? null) &&
              item.content.trim() === action.message.content,
        )
        if (pending) {
          const items = state.items.map((item) => (item === pending ? fromMessage(action.message, action.position ?? 0, item) : item))
          return { ...state, items: sortItems(items) }
        }
      }
      return upsert(state, action.message, action.position)
    }
    case 'updated':
      return upsert(state, action.message, action.position)
    case 'deleted': {
      const deletedIds = state.deletedIds.includes(action.id) ? state.deletedIds : [...state.deletedIds, action.id]
      if (state.deletingIds.includes(action.id)) {
        return { ...state, deletedIds, hiddenIds: without(state.hiddenIds, action.id), items: state.items.filter((item) => item.id !== action.id) }
      }
      return {
        ...replaceItem(state, (item) => item.id === action.id, { status: 'removed', content: '', removedBy: action.by ?? 'sender' }),
        deletedIds,
      }
    }
    case 'send-started': {
      const item: ChatItem = {
        replyTo: action.replyTo ?? null,
        key: `t:${action.tempId}`,
        id: null,
        tempId: action.tempId,
        senderId: action.sender.id,
        senderName: action.sender.name,
        receiverId: action.target.kind === 'dm' ? action.target.id : null,
        roomId: action.target.kind === 'room' ? action.target.id : null,
        mentions: action.mentions ?? [],
        mentionsRoom: action.mentionsRoom ?? false,
        content: action.content,
        attachments: action.attachments ?? [],
        timestamp: action.at,
        editedAt: null,
        editedByModerator: false,
        position: 0,
        status: 'pending',
      }
      return { ...state, items: [...state.items, item] }
    }
    case 'send-confirmed': {
      const { message, tempId, position = 0 } = action
      const temp = state.items.find((item) => item.tempId === tempId)
      const existing = state.items.find((item) => item.id === message.id)
      if (existing && existing !== temp) {
        // The stream already delivered this id on another item: drop the pending twin.
        const next = upsert(state, message, position)
        return temp && temp.id === null ? { ...next, items: next.items.filter((item) => item !== temp) } : next
      }
      if (temp && (temp.id === null || temp.id === message.id)) {
        if (state.deletedIds.includes(message.id)) return { ...state, items: state.items.filter((i) => i !== temp) }
        const items = state.items.map((item) => (item === temp ? fromMessage(message, position, item) : item))
        return { ...state, items: sortItems(items) }
      }
      return upsert(state, message, position)
    }
    case 'send-failed':
      return replaceItem(state, (item) => item.tempId === action.tempId && item.id === null, {
        status: 'failed',
        error: action.error,
      })
    case 'send-retried':
      return replaceItem(state, (item) => item.tempId === action.tempId && item.id === null, {
        status: 'pending',
        error: undefined,
      })
    case 'send-discarded':
      return { ...state, items: state.items.filter((item) => !(item.tempId === action.tempId && item.id === null)) }
    case 'delete-requested':
      return state.deletingIds.includes(action.id) ? state : { ...state, deletingIds: [...state.deletingIds, action.id] }
    case 'delete-failed': {
      const next = { ...state, deletingIds: without(state.deletingIds, action.id), hiddenIds: without(state.hiddenIds, action.id) }
      return action.error ? replaceItem(next, (item) => item.id === action.id, { error: action.error }) : next
    }
    case 'delete-scheduled':
      return state.hiddenIds.includes(action.id) ? state : { ...state, hiddenIds: [...state.hiddenIds, action.id] }
    case 'delete-undone':
      return { ...state, hiddenIds: without(state.hiddenIds, action.id) }
    case 'reactions': {
      // Like any server copy: an older one than what is shown changes nothing.
      const { id, reactions, position = 0 } = action
      const current = state.items.find((item) => item.id === id)
      if (!current || state.deletedIds.includes(id) || current.position > position) return state
      const myReactions = pendingOverrides(current.myReactions ?? [], reactions)
      return replaceItem(state, (item) => item === current, { reactions, position, myReactions })
    }
    case 'reaction-requested': {
      const override = { emoji: action.emoji, user: action.user, reacted: action.reacted }
      return updateItem(state, action.id, (item) => ({ myReactions: withOverride(item.myReactions ?? [], override) }))
    }
    case 'reaction-failed':
      return updateItem(state, action.id, (item) => ({ myReactions: withoutOverride(item.myReactions ?? [], action.emoji, action.user) }))
    case 'opened':
      return state
    case 'reset': {
      // Server state is reloaded; sends still in flight or failed stay (their text is the user's),
      // and so do this user's deletions, waiting for their undo time or sent.
      const { hiddenIds, deletingIds } = state
      return { ...initialMessages, items: state.items.filter((item) => item.id === null), hiddenIds, deletingIds }
    }
  }
}

export const newestId = (state: MessagesState): number | null => {
  const confirmed = state.items.filter((item) => item.id !== null)
  return confirmed.length ? confirmed[confirmed.length - 1].id : null
}

export const oldestId = (state: MessagesState): number | null =>
  state.items.find((item) => item.id !== null)?.id ?? null

// What the conversation shows: everything but the deletions waiting out their undo time.
export const visibleItems = (state: MessagesState): ChatItem[] =>
  state.hiddenIds.length === 0 ? state.items : state.items.filter((item) => item.id === null || !state.hiddenIds.includes(item.id))
