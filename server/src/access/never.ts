import type { Access } from 'payload'

// A collection operation nobody may perform through the API or the admin panel, admins included:
// the server writes through the Local API with overrideAccess (the audit trail is append-only).
export const never: Access = () => false
