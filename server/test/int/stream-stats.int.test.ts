// GET /api/realtime/stats: the streams this process holds, for admins only.
import { describe, expect, it } from 'vitest'

import { STREAM_STATS_PATH } from '../../src/protocol'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

describe('stream statistics', () => {
  it("counts this process's open streams, and one user's with ?user=", async () => {
    const { client, admin, alice, bob } = cast
    await (await stream(alice.token)).ready()
    await (await stream(alice.token)).ready()
    await (await stream(bob.token)).ready()
    expect((await client.get(STREAM_STATS_PATH, admin.token)).body).toEqual({ streams: 3, userStreams: null })
    expect((await client.get(`${STREAM_STATS_PATH}?user=${alice.id}`, admin.token)).body).toEqual({ streams: 3, userStreams: 2 })
    expect((await client.get(`${STREAM_STATS_PATH}?user=${cast.carol.id}`, admin.token)).body).toEqual({ streams: 3, userStreams: 0 })
  })

  it('is for admins: 401 anonymous, 403 for a member, 400 for a malformed user or an unknown key', async () => {
    const { client, admin, alice } = cast
    expect((await client.get(STREAM_STATS_PATH)).status).toBe(401)
    const member = await client.get(STREAM_STATS_PATH, alice.token)
    expect(member.status).toBe(403)
    expect(member.body.errors[0].message).toMatch(/admins/)
    for (const bad of ['abc', '0', '-1', '1.5', `${alice.id}&user=${alice.id}`]) {
      const res = await client.get(`${STREAM_STATS_PATH}?user=${bad}`, admin.token)
      expect(res.status, bad).toBe(400)
      expect(res.body.errors[0].message).toMatch(/user/)
    }
    // A misspelt key is refused, not answered as if it were absent.
    for (const query of [`users=${alice.id}`, `user=${alice.id}&all=1`]) {
      const res = await client.get(`${STREAM_STATS_PATH}?${query}`, admin.token)
      expect(res.status, query).toBe(400)
      expect(res.body.errors[0].message).toMatch(/Unknown query parameter/)
    }
  })
})
