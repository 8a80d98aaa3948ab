// Message search on PostgreSQL: not built yet (tsvector/tsquery with ts_headline is the plan, behind
// ../message-search.ts). Until then a search is refused with a clear 4xx, never a 500: the rest of
// the chat works, and the client shows the message.
import { APIError } from 'payload'

import type { MessageSearch } from '../message-search'

export const SEARCH_UNAVAILABLE = 'Search is not available on PostgreSQL yet.'

export const postgresMessageSearch = (): MessageSearch => ({
  install: async () => {},
  search: async () => {
    throw new APIError(SEARCH_UNAVAILABLE, 400)
  },
})
