import type { FieldAccess } from 'payload'

// A field nobody may change after creation (the admin panel shows it read-only).
export const nobody: FieldAccess = () => false
