import type { TextFieldValidation } from 'payload'

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/

// The sender's own key for a message (a UUID from the chat client): 8-64 URL-safe characters.
export const clientIdShape: TextFieldValidation = (value) => {
  if (value === undefined || value === null || value === '') return true
  return (typeof value === 'string' && CLIENT_ID.test(value)) || 'clientId must be 8-64 letters, digits, "-" or "_".'
}
