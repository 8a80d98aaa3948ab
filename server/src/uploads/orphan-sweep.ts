// Uploads nobody used: attachments never sent with a message and avatars nobody has, older than
// UPLOAD_ORPHAN_HOURS, are deleted (rows and files). Every server process sweeps once an hour, at
// its own offset; with several workers on one database two sweeps at once are harmless: they
// select the same rows and each row is deleted once (the other finds nothing left to delete).
import type { Payload } from 'payload'

import { sqliteClient } from '../db/client'
import { env } from '../env'
import { existingProcessGlobal, setProcessGlobal } from '../process-global.mjs'

const SWEEP_EVERY_MS = 60 * 60 * 1000
// Bounded work per sweep: a backlog goes over the next sweeps.
const BATCH = 500

async function orphanIds(payload: Payload, sql: string, cutoff: string): Promise<number[]> {
  const { rows } = await sqliteClient(payload).execute({ sql, args: [cutoff, BATCH] })
  return rows.map((row) => Number(row.id))
}

// Deletes the orphans made before `olderThan`; returns how many of each went.
export async function removeOrphanUploads(payload: Payload, olderThan: Date): Promise<{ attachments: number; avatars: number }> {
  const cutoff = olderThan.toISOString()
  const attachments = await orphanIds(payload, 'SELECT id FROM attachments WHERE message_id IS NULL AND created_at < ? ORDER BY id LIMIT ?', cutoff)
  const avatars = await orphanIds(
    payload,
    'SELECT id FROM avatars WHERE created_at < ? AND id NOT IN (SELECT avatar_id FROM users WHERE avatar_id IS NOT NULL) ORDER BY id LIMIT ?',
    cutoff,
  )
  // Through the Local API: Payload deletes each document's files with it.
  const removed = async (collection: 'attachments' | 'avatars', ids: number[]) =>
    ids.length === 0 ? 0 : (await payload.delete({ collection, where: { id: { in: ids } }, overrideAccess: true })).docs.length
  return { attachments: await removed('attachments', attachments), avatars: await removed('avatars', avatars) }
}

const SWEEP = 'upload-orphan-sweep'

// Started by Payload's onInit, once per process (a `next dev` reload replaces the timers).
export function startOrphanSweep(payload: Payload): void {
  const previous = existingProcessGlobal<Array<ReturnType<typeof setTimeout>>>(SWEEP)
  previous?.forEach((timer) => clearTimeout(timer))
  const sweep = () =>
    void removeOrphanUploads(payload, new Date(Date.now() - env.uploads.orphanHours * 60 * 60 * 1000)).catch((error) =>
      payload.logger.error({ err: error }, 'removing unused uploads failed'),
    )
  // The first at a random point of the first hour: workers started together do not sweep together.
  const timers = [setTimeout(sweep, Math.random() * SWEEP_EVERY_MS), setInterval(sweep, SWEEP_EVERY_MS)]
  timers.forEach((timer) => timer.unref())
  setProcessGlobal(SWEEP, timers)
}
