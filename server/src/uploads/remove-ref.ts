// Removes one attachment's ref from its message's JSON list in a single statement: two files of
// one message deleted at once each remove their own ref, where a read-then-write of the whole list
// let the last writer put the other's (deleted) file back. The feed's AFTER UPDATE trigger writes
// the change row in the same statement, so clients get `message.updated`.
import type { Payload } from 'payload'

import { sqliteClient } from '../db/client'

const REMOVE_REF = `UPDATE messages
  SET attachments = (SELECT json_group_array(json(value)) FROM json_each(messages.attachments)
                     WHERE CAST(json_extract(value, '$.id') AS INTEGER) != ?1),
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE id = ?2 AND EXISTS (SELECT 1 FROM json_each(messages.attachments)
                            WHERE CAST(json_extract(value, '$.id') AS INTEGER) = ?1)
  RETURNING json_array_length(attachments) AS files, content`

// What the message is left with, or null when it had no such ref (or is gone).
export async function removeAttachmentRef(payload: Payload, messageId: number, attachmentId: number): Promise<{ files: number; content: string } | null> {
  const { rows } = await sqliteClient(payload).execute({ sql: REMOVE_REF, args: [attachmentId, messageId] })
  const row = rows[0]
  return row ? { files: Number(row.files), content: String(row.content ?? '') } : null
}
