// Removes one attachment's ref from its message's JSON list in a single statement: two files of
// one message deleted at once each remove their own ref, where a read-then-write of the whole list
// let the last writer put the other's (deleted) file back. The feed's AFTER UPDATE trigger writes
// the change row in the same statement, so clients get `message.updated`. The list is JSON text on
// SQLite and jsonb on PostgreSQL: the statement is spelled per dialect, through the SQL seam.
import type { Payload } from 'payload'

import { query, sql } from '../db/sql'

const removeRef = (dialect: 'sqlite' | 'postgres', messageId: number, attachmentId: number) =>
  dialect === 'postgres'
    ? // Ids compared as text: a hand-written ref with a non-numeric id is kept, never a failed cast.
      sql`UPDATE messages
  SET attachments = COALESCE((SELECT jsonb_agg(e.value ORDER BY e.n) FROM jsonb_array_elements(messages.attachments) WITH ORDINALITY AS e(value, n)
                              WHERE e.value->>'id' IS DISTINCT FROM CAST(${attachmentId} AS text)), '[]'::jsonb),
      updated_at = now()
  WHERE id = ${messageId} AND EXISTS (SELECT 1 FROM jsonb_array_elements(messages.attachments) AS e(value)
                                      WHERE e.value->>'id' = CAST(${attachmentId} AS text))
  RETURNING jsonb_array_length(attachments) AS files, content`
    : sql`UPDATE messages
  SET attachments = (SELECT json_group_array(json(value)) FROM json_each(messages.attachments)
                     WHERE CAST(json_extract(value, '$.id') AS INTEGER) != ${attachmentId}),
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE id = ${messageId} AND EXISTS (SELECT 1 FROM json_each(messages.attachments)
                            WHERE CAST(json_extract(value, '$.id') AS INTEGER) = ${attachmentId})
  RETURNING json_array_length(attachments) AS files, content`

// What the message is left with, or null when it had no such ref (or is gone).
export async function removeAttachmentRef(payload: Payload, messageId: number, attachmentId: number): Promise<{ files: number; content: string } | null> {
  const [row] = await query(payload, ({ dialect }) => removeRef(dialect, messageId, attachmentId))
  return row ? { files: Number(row.files), content: String(row.content ?? '') } : null
}
