import type { CollectionBeforeChangeHook } from 'payload'

import { actsAsModerator } from '../../../moderation/record-action'
import { refId } from '../../../moderation/refs'
import type { Message } from '../../../payload-types'

// A change of content is an edit: when, and whether a moderator (an admin who is not the sender)
// made it, so a moderator's words are never shown as the author's own. The sender's next edit
// makes it theirs again. A new message is nobody's edit (a client's claim is refused before this:
// refuseModeratorMark; server code is held to the same).
export const stampEditedAt: CollectionBeforeChangeHook<Message> = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') data.editedByModerator = false
  if (operation === 'update' && data.content !== undefined && data.content !== originalDoc?.content) {
    data.editedAt = new Date().toISOString()
    data.editedByModerator = actsAsModerator(req, refId(originalDoc?.sender))
  }
  return data
}
