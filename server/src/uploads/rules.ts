// What each upload collection accepts, and the request body its upload route may send.
import { env } from '../env'
import { ATTACHMENTS_PATH, AVATARS_PATH } from '../protocol'
import { ATTACHMENT_TYPES, IMAGE_TYPES } from './allowed-types'
import type { UploadRules } from './check-upload'

export const ATTACHMENT_RULES: UploadRules = { types: ATTACHMENT_TYPES, maxBytes: env.uploads.maxBytes, what: 'an attachment' }

// A profile picture is shown at 128 pixels: 2 MB is plenty for any photo a phone takes.
export const AVATAR_RULES: UploadRules = { types: IMAGE_TYPES, maxBytes: 2 * 1024 * 1024, what: 'an avatar' }

// Room for the multipart framing and a `_payload` field around the file.
const MULTIPART_OVERHEAD = 64 * 1024

const UPLOAD_ROUTES: Array<{ path: string; rules: UploadRules }> = [
  { path: ATTACHMENTS_PATH, rules: ATTACHMENT_RULES },
  { path: AVATARS_PATH, rules: AVATAR_RULES },
]

// The upload a request makes (POST to an upload collection), or null: its body may be that
// collection's file size plus the framing, where any other request has MAX_BODY_BYTES.
export function uploadRoute(method: string, pathname: string): { rules: UploadRules; maxBodyBytes: number } | null {
  if (method !== 'POST') return null
  const route = UPLOAD_ROUTES.find(({ path }) => pathname === path || pathname === `${path}/`)
  return route ? { rules: route.rules, maxBodyBytes: route.rules.maxBytes + MULTIPART_OVERHEAD } : null
}
