// Where a new stream starts: a pure decision, so it can be tested alone. The backlog cap needs a
// count from the database, so the endpoint applies it to a 'replay' decision.
export type StartDecision =
  | { kind: 'live'; from: number }
  | { kind: 'replay'; from: number; to: number }
  | { kind: 'reset'; from: number; reason: 'expired' | 'ahead' | 'backlog' }

export function decideStart({
  cursor,
  latest,
  oldestResumable,
}: {
  cursor: number | null
  latest: number
  oldestResumable: number
}): StartDecision {
  if (cursor === null || cursor === latest) return { kind: 'live', from: latest }
  // A cursor past the feed's end: the database was restored or recreated. Never stay silent.
  if (cursor > latest) return { kind: 'reset', from: latest, reason: 'ahead' }
  if (cursor < oldestResumable) return { kind: 'reset', from: latest, reason: 'expired' }
  return { kind: 'replay', from: cursor, to: latest }
}
