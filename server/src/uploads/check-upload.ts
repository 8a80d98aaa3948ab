// The checks an uploaded file passes before Payload stores it: its size, and its type as its
// bytes say (file-type), which must be one of the collection's allowed types and agree with the
// ending of its name. The file Payload then stores carries the type we found (never the one the
// client declared) and a name ending in an extension of that type.
import { randomBytes } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { APIError, type PayloadRequest } from 'payload'
import sharp from 'sharp'

import { type AllowedType, IMAGE_TYPES, TEXT_TYPES } from './allowed-types'
import { isUtf8Text } from './text-content'

type UploadedFile = NonNullable<PayloadRequest['file']>

export interface UploadRules {
  // What this collection accepts.
  types: AllowedType[]
  maxBytes: number
  // Said in errors: "an attachment", "an avatar".
  what: string
}

// Decoding an image for its thumbnail takes about 4 bytes a pixel: a small file can claim a huge
// canvas (a decompression bomb). 50 megapixels is more than any phone camera takes today.
// Payload resizes every frame of an animated GIF/WebP: the frames count, and so does their number.
const MAX_IMAGE_PIXELS = 50_000_000
const MAX_IMAGE_PAGES = 300

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`

export const tooLarge = (rules: UploadRules) => new APIError(`The file is larger than ${megabytes(rules.maxBytes)}, the limit for ${rules.what}.`, 413)

// The name's last dot-separated part, lower case ('' for none). Only the base name counts: a
// client's "../x.png" is the file "x.png" (Payload sanitises it again when it stores it).
function splitName(name: string): { base: string; extension: string } {
  const last = name.split(/[\\/]/).pop() ?? ''
  const dot = last.lastIndexOf('.')
  if (dot <= 0) return { base: last, extension: '' }
  return { base: last.slice(0, dot), extension: last.slice(dot + 1).toLowerCase() }
}

// What the bytes are, among the allowed types; throws the 400 that says why not.
async function typeOf(file: UploadedFile, rules: UploadRules, extension: string): Promise<AllowedType> {
  const detected = await fileTypeFromBuffer(file.data).catch(() => undefined)
  const allowedNames = [...new Set(rules.types.flatMap((type) => type.extensions))].join(', ')
  if (detected) {
    const type = rules.types.find((candidate) => candidate.mime === detected.mime)
    if (!type) throw new APIError(`This file is ${detected.mime}, which is not accepted as ${rules.what} (accepted: ${allowedNames}).`, 400)
    if (extension && !type.extensions.includes(extension)) {
      throw new APIError(`The file's name ends in .${extension} but its content is ${detected.mime} (.${type.extensions[0]}).`, 400)
    }
    return type
  }
  const text = rules.types.filter((type) => TEXT_TYPES.includes(type)).find((type) => type.extensions.includes(extension))
  if (text && isUtf8Text(file.data)) return text
  throw new APIError(`The type of this file could not be recognised from its content; accepted as ${rules.what}: ${allowedNames}.`, 400)
}

async function checkImage(file: UploadedFile): Promise<void> {
  const { width = 0, height = 0, pages = 1 } = await sharp(file.data).metadata().catch(() => ({ width: 0, height: 0, pages: 1 }))
  if (width <= 0 || height <= 0) throw new APIError('The image could not be read.', 400)
  if (pages > MAX_IMAGE_PAGES) throw new APIError(`The image has ${pages} frames: at most ${MAX_IMAGE_PAGES} are accepted.`, 400)
  if (width * height * pages > MAX_IMAGE_PIXELS) {
    const frames = pages > 1 ? ` × ${pages} frames` : ''
    throw new APIError(`The image is ${width}×${height} pixels${frames}: at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted.`, 400)
  }
}

// Stored names are the uploaded name plus a random part (`photo-k2m9x4qa.png`): Payload's own way
// to keep names apart (photo-1.png) picks the name before it stores the file, so two uploads of
// the same name at once (several pasted screenshots, all "image.png") collided and one failed. A
// random name also never reuses a deleted file's URL (a browser's cached copy) and cannot be guessed.
const uniquePart = () => randomBytes(5).toString('hex')

// Checks the request's file and names it for storage (type and name ending from its content).
export async function checkUploadedFile(file: UploadedFile, rules: UploadRules): Promise<void> {
  const size = file.data?.byteLength ?? 0
  if (size === 0) throw new APIError('The file is empty.', 400)
  if (size > rules.maxBytes) throw tooLarge(rules)
  const { base, extension } = splitName(file.name)
  const type = await typeOf(file, rules, extension)
  if (IMAGE_TYPES.includes(type)) await checkImage(file)
  file.mimetype = type.mime.split(';')[0]
  file.name = `${base || 'file'}-${uniquePart()}.${extension || type.extensions[0]}`
}
