// A relationship as a hook sees it: an id, or the document populated at some depth.
export type Ref = number | string | { id: number | string; name?: unknown } | null | undefined

export const refId = (value: Ref): number | null =>
  value === null || value === undefined ? null : Number(typeof value === 'object' ? value.id : value)
