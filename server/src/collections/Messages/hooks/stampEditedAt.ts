import type { CollectionBeforeChangeHook } from 'payload'

import type { Message } from '../../../payload-types'

export const stampEditedAt: CollectionBeforeChangeHook<Message> = ({ data, operation, originalDoc }) => {
  if (operation === 'update' && data.content !== undefined && data.content !== originalDoc?.content) {
    data.editedAt = new Date().toISOString()
  }
  return data
}
