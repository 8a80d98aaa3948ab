import type { Payload, PayloadRequest } from 'payload'

// Whether either of two users blocked the other: what ends their contact in DMs (a new DM, typing
// notices). One indexed count; `req` keeps it on the caller's connection.
export async function eitherBlocked(payload: Payload, a: number | string, b: number | string, req?: PayloadRequest): Promise<boolean> {
  const { totalDocs } = await payload.db.count({
    collection: 'blocks',
    where: {
      or: [
        { and: [{ blocker: { equals: a } }, { blocked: { equals: b } }] },
        { and: [{ blocker: { equals: b } }, { blocked: { equals: a } }] },
      ],
    },
    req,
  })
  return totalDocs > 0
}
