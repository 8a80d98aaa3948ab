import { presenceLabel, type PresenceEntry } from '../model/presence-reducer'

// A green (online), amber (away) or grey (offline) dot with its meaning in words for screen
// readers and as a tooltip. Nothing when the presence is unknown (not asked yet, or someone you
// share no conversation with).
// `decorative`: the words are shown next to it, so the dot says nothing itself.
export function PresenceDot({ id, entry, decorative = false }: { id?: string; entry: PresenceEntry | undefined; decorative?: boolean }) {
  if (!entry) return null
  const label = presenceLabel(entry, new Date())
  return (
    <span id={id} className={`presence presence-${entry.status}`} title={label} data-presence={entry.status} aria-hidden={decorative || undefined}>
      {!decorative && <span className="visually-hidden">{label}</span>}
    </span>
  )
}

// A DM's header: the other person's presence, dot and words.
export function PresenceText({ entry }: { entry: PresenceEntry | undefined }) {
  if (!entry) return null
  return (
    <p className="presence-text muted" data-testid="peer-presence">
      <PresenceDot entry={entry} decorative /> {presenceLabel(entry, new Date())}
    </p>
  )
}
