// Rich messages (issue #17): replies, reactions, attachments, profiles' avatars and search. Each
// part of a message here is also part of `StreamMessage` (messages.ts), so REST and the stream
// return a message the same way.
import type { UserRef } from './refs'

// ---- Replies ----------------------------------------------------------------------------------

// `replyTo` (a message id) is sent on create only; it must name a message of the same
// conversation that the sender can read (400 otherwise) and never changes afterwards.
// The quote a reply shows of its original, as the original is now: null when the original is
// gone ("original removed"; `replyTo` keeps its id). Clients that hold the original prefer it
// (an edit of the original reaches them as its own message.updated).
export interface ReplyQuote {
  sender: UserRef
  // The start of the original's text (at most REPLY_EXCERPT_LENGTH characters, whole code points);
  // empty when the original has only attachments.
  excerpt: string
}

export const REPLY_EXCERPT_LENGTH = 140

// ---- Reactions --------------------------------------------------------------------------------

// One emoji on one message and who reacted with it (user ids, first reaction first). A message's
// `reactions` lists its emoji in the order they were first used; the count is `users.length`.
// Users' ids, not "you reacted": the stream fans one event out to every participant.
export interface Reaction {
  emoji: string
  users: number[]
}

// `POST /api/messages/:id/reactions` `{emoji}` toggles the caller's reaction (anyone who can read
// the message; 404 alike for a message that is missing or unreadable). `emoji` is exactly one
// emoji (RGI, skin tones and ZWJ sequences included; 400 otherwise); a new emoji beyond
// MAX_REACTION_EMOJI distinct ones on the message is a 409.
export interface ReactionRequest {
  emoji: string
}

// The answer: whether the caller now has that reaction, and the message's reactions after it.
export interface ReactionResponse {
  message: number
  reacted: boolean
  reactions: Reaction[]
}

export const MAX_REACTION_EMOJI = 20

export const reactionsPath = (messageId: number) => `/api/messages/${messageId}/reactions`

// The `message.reactions` stream event: a message's reactions changed (one change row per toggle,
// replayed on resume). `reactions` is the message's whole list as it is now, so a client replaces
// what it has. The conversation is named like `message.deleted` names it.
export interface MessageReactions {
  id: number
  sender: number | null
  // A DM's receiver, or the room of a room message (the other is null).
  receiver: number | null
  room: number | null
  reactions: Reaction[]
}

// ---- Attachments ------------------------------------------------------------------------------

// An uploaded file as a message carries it. The file and its thumbnail are served by Payload's
// upload routes, readable only by the uploader and the people who can read the message it is
// attached to (admins too); never a public URL.
export interface AttachmentRef {
  id: number
  filename: string
  mimeType: string
  // Bytes.
  filesize: number
  // Images only (null for other files): the original's size in pixels, so clients reserve space.
  width: number | null
  height: number | null
  url: string
  // Images only: a smaller rendition (at most THUMBNAIL_SIZE pixels on its longer side).
  thumbnailUrl: string | null
}

// Upload: `POST /api/attachments` as multipart form data with the file in `file` (Payload's
// upload API); the answer's `doc.id` goes into a message's `attachments` (ids of the sender's own
// uploads not yet attached to another message). A message may have no text when it has files.
export const ATTACHMENTS_PATH = '/api/attachments'
export const MAX_ATTACHMENTS_PER_MESSAGE = 10
// Images shown inline (the type is checked from the content, not the name).
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export const THUMBNAIL_SIZE = 480

// ---- Profiles ---------------------------------------------------------------------------------

// A user's avatar (an image they uploaded to `POST /api/avatars`, set as `avatar` on their own
// user): `GET /api/users/:id/avatar` answers the thumbnail, or 404 when they have none (clients
// show initials). Any logged-in user may fetch any user's avatar, as they see their names.
export const avatarPath = (userId: number) => `/api/users/${userId}/avatar`
export const AVATARS_PATH = '/api/avatars'
