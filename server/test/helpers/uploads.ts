// Files for the upload tests, made here (real PNGs from sharp, a minimal valid PDF), and a
// multipart upload as a browser's FormData sends it.
import { existsSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'

import type { ApiResponse } from './api'

export async function pngBytes(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .toBuffer()
}

// An animated GIF of `frames` frames (alternating colours: identical frames would be merged).
export async function animatedGifBytes(width: number, height: number, frames: number): Promise<Buffer> {
  const colours = await Promise.all(
    [0, 1].map((i) => sharp({ create: { width, height, channels: 3, background: { r: 200 * i, g: 80, b: 40 } } }).png().toBuffer()),
  )
  return sharp(Array.from({ length: frames }, (_, i) => colours[i % 2]), { join: { animated: true } }).gif().toBuffer()
}

export async function jpegBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 20 } } })
    .jpeg()
    .toBuffer()
}

// The smallest PDF Payload's integrity check accepts (header, xref, %%EOF).
export const pdfBytes = (): Buffer =>
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

export const svgBytes = (): Buffer =>
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')

// A Windows executable's first bytes (file-type: application/x-msdownload).
export const exeBytes = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)])

export interface UploadOptions {
  name: string
  bytes: Uint8Array
  // The type the client declares (browsers take it from the name): never believed.
  type?: string
  token?: string
  // Sent as Payload's `_payload` JSON field.
  data?: Record<string, unknown>
}

export async function upload(baseUrl: string, collection: 'attachments' | 'avatars', options: UploadOptions): Promise<ApiResponse> {
  const form = new FormData()
  form.append('file', new Blob([options.bytes as Uint8Array<ArrayBuffer>], { type: options.type ?? 'application/octet-stream' }), options.name)
  if (options.data) form.append('_payload', JSON.stringify(options.data))
  const response = await fetch(`${baseUrl}/api/${collection}`, {
    method: 'POST',
    headers: options.token ? { authorization: `JWT ${options.token}` } : {},
    body: form,
  })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: kept as text for the assertion's message
  }
  return { status: response.status, body, headers: response.headers }
}

// Uploads and returns the document, or throws with the answer.
export async function uploaded(baseUrl: string, collection: 'attachments' | 'avatars', options: UploadOptions) {
  const res = await upload(baseUrl, collection, options)
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc as {
    id: number
    filename: string
    url: string
    mimeType: string
    filesize: number
    width: number | null
    height: number | null
    sizes: { thumbnail: { url: string | null; filename: string | null } }
  }
}

// GET of a file URL as Payload answers it (`url` is root-relative or absolute).
export async function getFile(baseUrl: string, url: string, token?: string) {
  const response = await fetch(new URL(url, baseUrl), { headers: token ? { authorization: `JWT ${token}` } : {} })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, bytes }
}

export const onDisk = (uploadsDir: string, collection: string, filename: string | null | undefined) =>
  Boolean(filename) && existsSync(path.join(uploadsDir, collection, filename!))
