// GET /api/realtime/stats[?user=ID]: how many streams this process holds open (and one user's).
// For operators, and for the test that proves one stream per browser. Admins only.
import { APIError, type Endpoint } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { userIsAdmin } from '../access/isAdmin'
import { STREAM_STATS_PATH, type StreamStatsResponse } from '../protocol'
import { realtime } from '../realtime/runtime'
import { onlyParams, optionalIdParam } from './query-ids'

export const streamStatsEndpoint: Endpoint = {
  path: STREAM_STATS_PATH.slice('/api'.length),
  method: 'get',
  handler: async (req) => {
    if (!userIsAdmin(loggedInUser(req))) throw new APIError('Only admins may read stream statistics.', 403)
    onlyParams(req, ['user'])
    const user = optionalIdParam(req, 'user')
    const { hub } = realtime(req.payload)
    const body: StreamStatsResponse = { streams: hub.size, userStreams: user === null ? null : hub.streamsOf(user) }
    return Response.json(body)
  },
}
