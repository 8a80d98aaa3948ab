// Payload's own handler for a collection route that one of ours sits in front of (ours come
// first in the collection's endpoints), for the requests ours hands on.
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

export async function builtInResponse(req: PayloadRequest, mine: Endpoint): Promise<Response> {
  const slug = req.routeParams?.collection
  const endpoints = (typeof slug === 'string' && req.payload.collections[slug as 'rooms']?.config.endpoints) || []
  const builtIn = endpoints.find((e) => e !== mine && e.path === mine.path && e.method === mine.method && e.handler !== mine.handler)
  if (!builtIn) throw new APIError('This route is not available.', 404)
  return builtIn.handler(req)
}
