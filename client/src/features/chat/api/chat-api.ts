// REST calls of the chat: users, pages of a conversation's messages (with a person or a room),
// sending, editing, deleting, read state. The rooms' own routes are in rooms-api.ts.
import { reactionsPath, type ConversationsResponse, type PagedDocs, type ReactionRequest, type ReactionResponse, type ReadRequest } from '@payload-chat/server/protocol'

import { ApiError, apiRequest } from '../../../lib/api-client'
import type { ConversationSummary, Message, Target, UserRef } from '../model/types'

export const PAGE_SIZE = 50
const SEND_TIMEOUT_MS = 15_000

// Everyone, a page at a time: the server answers at most 100 documents per request.
export const USERS_PAGE_SIZE = 100

export async function fetchUsers(): Promise<UserRef[]> {
  const users: UserRef[] = []
  for (let page = 1; ; page++) {
    const query = { limit: USERS_PAGE_SIZE, page, sort: 'name,id', depth: 0 }
    const body = await apiRequest<PagedDocs<UserRef>>('/api/users', { query })
    users.push(...body.docs.map(({ id, name }) => ({ id, name })))
    if (!body.hasNextPage) return users
  }
}

// The summary of each conversation (`GET /api/messages/conversations`, the wire's name), for the
// people list; null when the server has no such endpoint (yet): the list then shows people only.
export async function fetchSummaries(): Promise<ConversationSummary[] | null> {
  try {
    const body = await apiRequest<ConversationsResponse>('/api/messages/conversations')
    return Array.isArray(body?.conversations) ? body.conversations : null
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null
    throw error
  }
}

// Exactly the DMs between me and the peer (also right for a self-DM and for admins, who may read
// everything), newest first, paged by id so messages arriving meanwhile never shift a page.
// A room's messages: the server answers them to members only.
export function messagesQuery(me: number, target: Target, beforeId: number | null) {
  const where: Record<string, string | number> =
    target.kind === 'room'
      ? { 'where[room][equals]': target.id }
      : {
          'where[or][0][and][0][sender][equals]': me,
          'where[or][0][and][1][receiver][equals]': target.id,
          'where[or][1][and][0][sender][equals]': target.id,
          'where[or][1][and][1][receiver][equals]': me,
        }
  const query: Record<string, string | number> = { ...where, sort: '-id', limit: PAGE_SIZE, depth: 1 }
  if (beforeId !== null) query['where[id][less_than]'] = beforeId
  return query
}

export async function fetchMessagePage(me: number, target: Target, beforeId: number | null) {
  const body = await apiRequest<PagedDocs<Message>>('/api/messages', { query: messagesQuery(me, target, beforeId) })
  return { messages: body.docs, hasMore: body.hasNextPage }
}

// What a send carries besides its text: a room message's mentions (ids of the members the
// composer inserted, and @room).
export interface Mentions {
  mentions: number[]
  mentionsRoom: boolean
}

// `replyTo`: the message of the conversation this one answers. `attachments`: the ids of the
// sender's uploads, in order (only when there are some).
export const sendBody = (target: Target, content: string, clientId: string, mentions?: Mentions, replyTo?: number | null, attachments: number[] = []) => ({
  ...(target.kind === 'dm'
    ? { receiver: target.id, content, clientId }
    : { room: target.id, content, clientId, mentions: mentions?.mentions ?? [], mentionsRoom: mentions?.mentionsRoom ?? false }),
  ...(replyTo ? { replyTo } : {}),
  ...(attachments.length ? { attachments } : {}),
})

// `clientId` makes the send safe to retry: if an earlier try was stored (its answer was lost),
// the server answers 409 and the stored message is returned instead.
export async function sendMessage(target: Target, content: string, clientId: string, mentions?: Mentions, replyTo?: number | null, attachments?: number[]): Promise<Message> {
  try {
    // Sends go out one at a time: one that hangs must fail (and be retried) rather than hold up
    // the rest. A timed-out send that was stored is recognised by its clientId.
    const signal = AbortSignal.timeout?.(SEND_TIMEOUT_MS)
    const body = sendBody(target, content, clientId, mentions, replyTo, attachments)
    return (await apiRequest<{ doc: Message }>('/api/messages', { method: 'POST', body, signal })).doc
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error
    const stored = await apiRequest<PagedDocs<Message>>('/api/messages', {
      query: { 'where[clientId][equals]': clientId, depth: 1, limit: 1 },
    })
    if (!stored.docs[0]) throw error
    return stored.docs[0]
  }
}

// A room message's edit says what it mentions now (`mentions`): without them the server would keep
// the mentions the text no longer names.
export async function editMessage(id: number, content: string, mentions?: Mentions): Promise<Message> {
  return (await apiRequest<{ doc: Message }>(`/api/messages/${id}`, { method: 'PATCH', body: { content, ...mentions } })).doc
}

// `keepalive`: sent even if the page is closing.
export async function deleteMessage(id: number, keepalive = false): Promise<void> {
  await apiRequest(`/api/messages/${id}`, { method: 'DELETE', keepalive })
}

// Toggles the caller's reaction with `emoji`; answers the message's reactions after it.
export async function toggleReaction(id: number, emoji: string): Promise<ReactionResponse> {
  const body: ReactionRequest = { emoji }
  return apiRequest<ReactionResponse>(reactionsPath(id), { method: 'POST', body })
}

export async function markRead(target: Target, upTo: number): Promise<void> {
  const body: ReadRequest = target.kind === 'dm' ? { peer: target.id, upTo } : { room: target.id, upTo }
  try {
    await apiRequest('/api/messages/read', { method: 'POST', body })
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return
    throw error
  }
}
