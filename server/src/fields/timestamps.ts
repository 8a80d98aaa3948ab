import type { FieldAccess, Field } from 'payload'

// Payload's createdAt/updatedAt as it adds them itself (hidden in forms, indexed), with who may
// read them: for a collection whose timestamps are not everyone's to see or to query by.
export const privateTimestamps = (read: FieldAccess): Field[] =>
  (['updatedAt', 'createdAt'] as const).map((name) => ({
    name,
    type: 'date',
    index: true,
    access: { read },
    admin: { hidden: true, disableBulkEdit: true },
  }))
