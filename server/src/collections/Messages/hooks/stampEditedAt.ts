import type { CollectionBeforeChangeHook } from 'payload'

export const stampEditedAt: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation === 'update' && data.content !== undefined && data.content !== originalDoc?.content) {
    data.editedAt = new Date().toISOString()
  }
  return data
}
