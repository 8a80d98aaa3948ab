import { APIError, type PayloadRequest } from 'payload'

// The JSON object body of one of this project's own endpoints, or a 400 that shows its shape.
export async function readJsonObject(req: PayloadRequest, shape: string): Promise<Record<string, unknown>> {
  try {
    const body = await req.json?.()
    if (body && typeof body === 'object' && !Array.isArray(body)) return body
  } catch {
    // fall through to the error below
  }
  throw new APIError(`The request body must be a JSON object: ${shape}.`, 400)
}
