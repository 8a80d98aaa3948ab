import type { PayloadRequest } from 'payload'

// A mark on the request (req.context) for the duration of one piece of work, and only that: hooks
// of the writes done inside `work` see it, anything the same request does afterwards does not (a
// mark left on would make a later, unrelated write look like part of this one).
export async function withContext<T>(req: PayloadRequest, key: string, value: unknown, work: () => Promise<T>): Promise<T> {
  const had = Object.hasOwn(req.context, key)
  const previous = req.context[key]
  req.context[key] = value
  try {
    return await work()
  } finally {
    if (had) req.context[key] = previous
    else delete req.context[key]
  }
}
