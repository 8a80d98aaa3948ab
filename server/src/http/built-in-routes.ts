// Payload gives every collection the routes of every feature, used or not. Those of features this
// project does not use answered 500 (versions: "no such table"; verify: no token field) or did
// something nobody asked for (duplicate copied someone's message into a new one). Each becomes a
// 404 with a message, and the one built-in route that failed on its own (deleting a preference)
// gets a working handler.
import { type Endpoint, NotFound, type PayloadHandler, type SanitizedConfig, UnauthorizedError, type Where } from 'payload'

import { jsonError } from './error-body.mjs'

const notEnabled =
  (feature: string): PayloadHandler =>
  () =>
    jsonError(404, `${feature} is not enabled on this server.`)

// Payload's own handler queries through a polymorphic relationship path its SQLite adapter cannot
// join in a DELETE ("no such column"), so it answered 500 even for the owner. Found by id instead.
const deletePreference: PayloadHandler = async (req) => {
  if (!req.user) throw new UnauthorizedError(req.t)
  const where: Where = {
    and: [
      { key: { equals: String(req.routeParams?.key ?? '') } },
      { 'user.value': { equals: req.user.id } },
      { 'user.relationTo': { equals: req.user.collection } },
    ],
  }
  const { docs } = await req.payload.find({ collection: 'payload-preferences', where, limit: 1, depth: 0, req })
  if (!docs[0]) throw new NotFound(req.t)
  await req.payload.db.deleteOne({ collection: 'payload-preferences', where: { id: { equals: docs[0].id } }, req })
  return Response.json({ ...docs[0], message: req.t('general:deletedSuccessfully') })
}

function narrow(slug: string, endpoint: Endpoint, versions: boolean, verify: boolean): Endpoint | null {
  if (endpoint.path === '/:id/duplicate') return null
  if (!versions && endpoint.path.startsWith('/versions')) return { ...endpoint, handler: notEnabled('Versioning') }
  if (!verify && endpoint.path.startsWith('/verify')) return { ...endpoint, handler: notEnabled('Email verification') }
  if (slug === 'payload-preferences' && endpoint.method === 'delete' && endpoint.path === '/:key') return { ...endpoint, handler: deletePreference }
  return endpoint
}

export function narrowBuiltInRoutes(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    if (!Array.isArray(collection.endpoints)) continue
    const versions = Boolean(collection.versions)
    const verify = Boolean(collection.auth && collection.auth.verify)
    collection.endpoints = collection.endpoints
      .map((endpoint) => narrow(collection.slug, endpoint, versions, verify))
      .filter((endpoint): endpoint is Endpoint => endpoint !== null)
  }
  return config
}
