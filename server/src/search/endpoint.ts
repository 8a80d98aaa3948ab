// GET /api/messages/search: full-text search over the caller's conversations (protocol/rich.ts).
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { messagesById } from '../conversations/messages-by-id'
import { userExists } from '../db/ids'
import { messageSearchOf } from '../db'
import type { SearchConversation } from '../db/message-search'
import { onlyParams, optionalIdParam, singleParam } from '../presence/query-ids'
import { SEARCH_PAGE_SIZE, type SearchHit, type SearchResponse, type StreamMessage } from '../protocol'
import { standingIn } from '../rooms/memberships'
import { sees } from '../rooms/room-in-url'
import { parseInteger } from '../text/integer'
import { searchWordsOf } from './words'

// Hits per page, and how deep one may page: nobody reads past a thousand hits of a search; a
// narrower search is the answer (and OFFSET costs grow with depth).
export const SEARCH_PAGING = { maxLimit: 50, maxPage: 50 } as const

type User = ReturnType<typeof loggedInUser>

function pagingParam(req: PayloadRequest, name: string, fallback: number, max: number): number {
  const raw = singleParam(req, name)
  if (raw === null) return fallback
  const value = parseInteger(raw, { min: 1, max })
  if (value === null) throw new APIError(`"${name}" must be one integer from 1 to ${max}.`, 400)
  return value
}

// The one conversation the search is limited to, if any. Only conversations the caller is in now:
// a room they may not see answers like one that does not exist (404, as the rooms' routes do); a
// public room they are not a member of is a 403 (its messages are not theirs to search until they
// join). A peer that does not exist is a 404; a peer with no DM simply has no hits.
async function conversationOf(req: PayloadRequest, user: User): Promise<SearchConversation | undefined> {
  const peer = optionalIdParam(req, 'peer')
  const room = optionalIdParam(req, 'room', 'room')
  if (peer !== null && room !== null) throw new APIError('Search one conversation: "peer" (a DM) or "room", not both.', 400)
  if (room !== null) {
    const standing = await standingIn(req.payload, room, user.id)
    if (!sees(user, standing)) throw new APIError(`No room with id ${room} exists.`, 404)
    if (!standing.membership) throw new APIError('Only members of this room can search it.', 403)
    return { room }
  }
  if (peer !== null) {
    if (!(await userExists(req, peer))) throw new APIError(`No user with id ${peer} exists.`, 404)
    return { peer }
  }
  return undefined
}

export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const user = loggedInUser(req)
    onlyParams(req, ['q', 'peer', 'room', 'page', 'limit'])
    const { words, prefix } = searchWordsOf(singleParam(req, 'q'))
    const limit = pagingParam(req, 'limit', SEARCH_PAGE_SIZE, SEARCH_PAGING.maxLimit)
    const page = pagingParam(req, 'page', 1, SEARCH_PAGING.maxPage)
    const conversation = await conversationOf(req, user)
    // One more than a page tells whether another follows.
    const matches = await messageSearchOf(req.payload).search({
      userId: Number(user.id),
      words,
      prefix,
      conversation,
      limit: limit + 1,
      offset: (page - 1) * limit,
    })
    const shown = matches.slice(0, limit)
    // The messages as REST returns them, read on the caller's behalf: access decides again, and a
    // message deleted since the match is no hit.
    const messages = await messagesById(req, user, shown.map((match) => match.id))
    const docs: SearchHit[] = shown.flatMap(({ id, snippet }) => {
      const message = messages.get(id)
      return message ? [{ message: message as unknown as StreamMessage, snippet }] : []
    })
    return Response.json({ docs, page, hasNextPage: matches.length > limit } satisfies SearchResponse)
  },
}
