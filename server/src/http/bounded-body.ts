// Reads a request body into memory, refusing more than `maxBytes`: by Content-Length before a
// byte is read, and by counting for a body streamed without one (chunked), so a client can never
// make the server buffer more than the limit.
import { parseInteger } from '../text/integer'

export type BodyResult = { ok: true; bytes: Uint8Array | null } | { ok: false; status: 400 | 413; message: string }

export async function readBoundedBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` } as const
  const declared = request.headers.get('content-length')
  if (declared !== null) {
    if (parseInteger(declared.trim(), { min: 0 }) === null) return { ok: false, status: 400, message: 'Content-Length is not a number.' }
    if (Number(declared) > maxBytes) return tooLarge
  }
  if (!request.body) return { ok: true, bytes: null }

  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      return tooLarge
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { ok: true, bytes }
}
