// GET /api/messages/search (server/src/protocol/rich.ts): one page of hits for a query.
import { SEARCH_PATH, type SearchResponse } from '@payload-chat/server/protocol'

import { apiRequest } from '../../../lib/api-client'

export function fetchSearchPage(q: string, page: number, signal?: AbortSignal): Promise<SearchResponse> {
  return apiRequest<SearchResponse>(SEARCH_PATH, { query: { q, page }, signal })
}
