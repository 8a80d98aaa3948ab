// A member's side of moderation: reporting a message, reading the state of your own reports, and
// blocking people (the contract is the server's protocol/moderation.ts).
import type { Block, CreateReportRequest, PagedDocs, Report } from '@payload-chat/server/protocol'

import { ApiError, apiRequest } from '../../../lib/api-client'
import type { Message } from '../model/types'

// A report as its reporter lists it: the reported message with it while you may still read it
// (null once removed, or its id if the server did not populate it).
export type OwnReport = Omit<Report, 'message'> & { message: Message | number | null }

// How a report ended: sent, or refused because your earlier report of it is still open (409).
export type ReportOutcome = 'reported' | 'already-reported'

export async function reportMessage(report: CreateReportRequest): Promise<ReportOutcome> {
  try {
    await apiRequest('/api/reports', { method: 'POST', body: report })
    return 'reported'
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return 'already-reported'
    throw error
  }
}

export const MY_REPORTS_LIMIT = 50

// Your latest reports, newest first (the server lists only your own).
export async function fetchMyReports(): Promise<OwnReport[]> {
  const query = { sort: '-createdAt', limit: MY_REPORTS_LIMIT, depth: 1 }
  return (await apiRequest<PagedDocs<OwnReport>>('/api/reports', { query })).docs
}

export const BLOCKS_PAGE_SIZE = 100

// Everyone you blocked (the server lists only your own), a page at a time.
export async function fetchBlocks(): Promise<Block[]> {
  const blocks: Block[] = []
  for (let page = 1; ; page++) {
    const query = { limit: BLOCKS_PAGE_SIZE, page, sort: 'id', depth: 1 }
    const body = await apiRequest<PagedDocs<Block>>('/api/blocks', { query })
    blocks.push(...body.docs)
    if (!body.hasNextPage) return blocks
  }
}

export async function blockPerson(user: number): Promise<Block> {
  return (await apiRequest<{ doc: Block }>('/api/blocks', { method: 'POST', body: { blocked: user }, query: { depth: 1 } })).doc
}

export async function unblock(block: number): Promise<void> {
  await apiRequest(`/api/blocks/${block}`, { method: 'DELETE' })
}
