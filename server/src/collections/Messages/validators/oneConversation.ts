// A message belongs to exactly one conversation: a DM (`receiver`) or a room (`room`).
export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== ''
