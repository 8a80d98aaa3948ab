// What people may share (issue #17), decided from the file's content, never from its name or the
// type the client declares. Each type lists the name endings it may have; the first is the one a
// file without an ending gets. No SVG (it can carry script), no HTML, no executables, no legacy
// Office formats (OLE containers: macros, and file-type cannot tell them from an installer).
import { IMAGE_MIME_TYPES } from '../protocol'

export interface AllowedType {
  mime: string
  extensions: string[]
}

export const IMAGE_TYPES: AllowedType[] = [
  { mime: 'image/png', extensions: ['png'] },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jfif'] },
  { mime: 'image/gif', extensions: ['gif'] },
  { mime: 'image/webp', extensions: ['webp'] },
]

const OOXML = 'application/vnd.openxmlformats-officedocument'
const ODF = 'application/vnd.oasis.opendocument'

// Files that file-type recognises by their bytes.
const FILE_TYPES: AllowedType[] = [
  { mime: 'application/pdf', extensions: ['pdf'] },
  { mime: 'application/zip', extensions: ['zip'] },
  { mime: `${OOXML}.wordprocessingml.document`, extensions: ['docx'] },
  { mime: `${OOXML}.spreadsheetml.sheet`, extensions: ['xlsx'] },
  { mime: `${OOXML}.presentationml.presentation`, extensions: ['pptx'] },
  { mime: `${ODF}.text`, extensions: ['odt'] },
  { mime: `${ODF}.spreadsheet`, extensions: ['ods'] },
  { mime: `${ODF}.presentation`, extensions: ['odp'] },
  { mime: 'video/mp4', extensions: ['mp4', 'm4v'] },
  { mime: 'video/x-m4v', extensions: ['m4v', 'mp4'] },
  { mime: 'video/quicktime', extensions: ['mov'] },
  { mime: 'video/webm', extensions: ['webm'] },
  { mime: 'video/ogg', extensions: ['ogv', 'ogg'] },
  { mime: 'audio/mpeg', extensions: ['mp3'] },
  { mime: 'audio/mp4', extensions: ['m4a', 'mp4'] },
  { mime: 'audio/x-m4a', extensions: ['m4a'] },
  { mime: 'audio/ogg', extensions: ['ogg', 'oga'] },
  { mime: 'audio/ogg; codecs=opus', extensions: ['opus', 'ogg'] },
  { mime: 'audio/wav', extensions: ['wav'] },
]

// Plain text has no signature: a file file-type does not recognise is accepted only with one of
// these endings and only if its bytes are UTF-8 text (uploads/text-content.ts).
export const TEXT_TYPES: AllowedType[] = [
  { mime: 'text/plain', extensions: ['txt', 'md', 'log'] },
  { mime: 'text/csv', extensions: ['csv'] },
]

export const ATTACHMENT_TYPES: AllowedType[] = [...IMAGE_TYPES, ...FILE_TYPES, ...TEXT_TYPES]

// Shown inline by clients (and served inline); everything else is served as a download.
export const isInlineImage = (mime: string | null | undefined) => (IMAGE_MIME_TYPES as readonly string[]).includes(mime ?? '')

// Payload's own check (upload.mimeTypes) runs after ours: the same list, so it can never let
// through what ours refused. Opus is reported with its codec parameter, which Payload's list
// matching does not take: its essence is audio/ogg.
export const mimeTypesOf = (types: AllowedType[]) => [...new Set(types.map((type) => type.mime.split(';')[0]))]
