// Payload's file route (`GET /api/<collection>/file/<name>`) for our upload collections. Payload
// checks the collection's read access first (a member's filter is applied to the filename, so a
// guessed name of someone else's file is a 403 like a name that does not exist); these add what
// it lacks: an unknown name or a file missing on disk is a 404 (Payload answered 500 to an admin),
// and the answer's headers say how a browser may use it.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { CollectionSlug, PayloadRequest, TypeWithID, UploadConfig } from 'payload'

import { jsonError } from '../http/error-body.mjs'
import { isInlineImage } from './allowed-types'

type Handler = NonNullable<UploadConfig['handlers']>[number]

interface StoredUpload extends TypeWithID {
  filename?: string | null
  sizes?: Record<string, { filename?: string | null } | undefined> | null
}

const notFound = () => jsonError(404, 'No such file.')

// The document whose file (or one of whose sizes) has this name.
async function uploadNamed(req: PayloadRequest, collection: string, filename: string, sizes: string[]): Promise<StoredUpload | null> {
  const where = { or: [{ filename: { equals: filename } }, ...sizes.map((size) => ({ [`sizes.${size}.filename`]: { equals: filename } }))] }
  return (await req.payload.db.findOne({ collection: collection as CollectionSlug, where, req })) as StoredUpload | null
}

const namesOf = (doc: StoredUpload) => [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)]

// Answers 404 unless the name is one of a document's files and that file is on disk; otherwise
// lets Payload stream it (with Range requests, for audio and video).
export function serveStoredFilesOnly(staticDir: string, sizes: string[]): Handler {
  const handler = async (req: PayloadRequest, { doc, params }: Parameters<Handler>[1]): Promise<Response | undefined> => {
    const found = (doc as StoredUpload | undefined) ?? (await uploadNamed(req, params.collection, params.filename, sizes))
    if (!found || !namesOf(found).includes(params.filename)) return notFound()
    const file = path.join(staticDir, path.basename(params.filename))
    const exists = await stat(file).then(
      (stats) => stats.isFile(),
      () => false,
    )
    if (!exists) {
      req.payload.logger.warn(`${params.collection} file ${params.filename} is missing on disk`)
      return notFound()
    }
    return undefined
  }
  // Payload's type says void or a Response; an undefined lets its own streaming run.
  return handler as Handler
}

// A file is shown inline only if it is one of the image types clients show; everything else is
// a download, never rendered as a page of our origin. Nothing is sniffed. Cached by the browser
// only (the answer depends on who asks), for a few minutes.
export const uploadResponseHeaders: NonNullable<UploadConfig['modifyResponseHeaders']> = ({ headers }) => {
  const type = headers.get('content-type')?.split(';')[0].trim().toLowerCase()
  headers.set('Content-Disposition', isInlineImage(type) ? 'inline' : 'attachment')
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Cache-Control', 'private, max-age=300')
  return headers
}
