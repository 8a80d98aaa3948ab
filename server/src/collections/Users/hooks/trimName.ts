import type { FieldHook } from 'payload'

export const trimName: FieldHook = ({ value }) => (typeof value === 'string' ? value.trim() : value)
