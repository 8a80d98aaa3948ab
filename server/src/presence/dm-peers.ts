// The people a user has exchanged DMs with: the DM half of who sees their presence. One indexed
// query per user, remembered for a while in a bounded map; a new DM pair seen on the stream is
// added to what is remembered at once, so a first message makes the two see each other without
// waiting for the entry to expire.
import type { Payload } from 'payload'

import { query, sql } from '../db/sql'

export async function dmPeersOf(payload: Payload, userId: number): Promise<Set<number>> {
  const rows = await query(payload, sql`SELECT receiver_id AS peer FROM messages WHERE sender_id = ${userId} AND receiver_id IS NOT NULL
    UNION SELECT sender_id FROM messages WHERE receiver_id = ${userId} AND sender_id IS NOT NULL`)
  const peers = new Set(rows.map((row) => Number(row.peer)))
  peers.delete(userId)
  return peers
}

interface Entry {
  peers: Promise<Set<number>>
  at: number
}

export class DmPeerCache {
  // Oldest first (a Map keeps insertion order; a hit is moved to the end).
  private readonly entries = new Map<number, Entry>()

  constructor(
    private readonly load: (userId: number) => Promise<Set<number>>,
    private readonly options: { maxEntries: number; ttlMs: number; now?: () => number },
  ) {}

  get size(): number {
    return this.entries.size
  }

  // The user's DM peers: remembered, or loaded (two callers at once share one load).
  of(userId: number): Promise<Set<number>> {
    const now = (this.options.now ?? Date.now)()
    const entry = this.entries.get(userId)
    this.entries.delete(userId)
    if (entry && now - entry.at < this.options.ttlMs) {
      this.entries.set(userId, entry)
      return entry.peers
    }
    const peers = this.load(userId)
    this.entries.set(userId, { peers, at: now })
    // A failed load is not remembered.
    peers.catch(() => this.entries.get(userId)?.peers === peers && this.entries.delete(userId))
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break
      this.entries.delete(oldest)
    }
    return peers
  }

  // A DM between the two was written: each is now the other's peer, wherever remembered.
  noteDm(a: number, b: number): void {
    if (a === b) return
    void this.entries.get(a)?.peers.then((peers) => peers.add(b), () => {})
    void this.entries.get(b)?.peers.then((peers) => peers.add(a), () => {})
  }
}
