// A reply's quote of its original, as the conversation shows it: the original's current text when
// it is loaded here (an edit shows at once), else the server's quote, else "removed".
import { oldestId, type MessagesState } from './messages-reducer'
import type { ChatItem } from './types'

export type QuoteView =
  | { kind: 'message'; id: number; senderId: number; senderName: string; text: string }
  | { kind: 'removed'; id: number }

// `loaded`: the conversation's loaded message with that id, if any.
export function quoteOf(item: ChatItem, loaded: (id: number) => ChatItem | undefined): QuoteView | null {
  const id = item.replyTo
  if (id === null || id === undefined) return null
  const original = loaded(id)
  if (original) {
    return original.status === 'removed' ? { kind: 'removed', id } : { kind: 'message', id, senderId: original.senderId, senderName: original.senderName, text: original.content }
  }
  const quote = item.replyQuote
  return quote ? { kind: 'message', id, senderId: quote.sender.id, senderName: quote.sender.name, text: quote.excerpt } : { kind: 'removed', id }
}

// Jumping to message `id` of a conversation, one step at a time: wait for the first page, then
// load older pages until it is there, at most `maxPages` of them. Ids grow with time, so once the
// oldest loaded message is older than `id` (or the history is all loaded) it is not coming: it was
// deleted or belongs elsewhere.
export type JumpStep = 'wait' | 'found' | 'load-older' | 'not-found'

export function jumpStep(state: MessagesState | undefined, id: number, pagesLoaded: number, maxPages: number): JumpStep {
  if (!state?.loaded) return 'wait'
  if (state.items.some((item) => item.id === id) && !state.hiddenIds.includes(id)) return 'found'
  if (state.deletedIds.includes(id) || state.hiddenIds.includes(id)) return 'not-found'
  const oldest = oldestId(state)
  if (state.hasMore && (oldest === null || oldest > id) && pagesLoaded < maxPages) return 'load-older'
  return 'not-found'
}
