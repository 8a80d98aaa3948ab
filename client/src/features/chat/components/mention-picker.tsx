import type { MentionCandidate } from '../model/mentions'

export interface MentionPickerProps {
  id: string
  candidates: MentionCandidate[]
  active: number
  onPick: (candidate: MentionCandidate) => void
}

export const optionId = (pickerId: string, index: number) => `${pickerId}-${index}`

// The list `@` opens under the composer. The composer keeps the focus and moves `active` with the
// arrow keys (aria-activedescendant); a click picks too.
export function MentionPicker({ id, candidates, active, onPick }: MentionPickerProps) {
  return (
    <ul className="mention-picker" id={id} role="listbox" aria-label="Mention someone">
      {candidates.map((candidate, index) => (
        <li
          key={candidate.id ?? 'room'}
          id={optionId(id, index)}
          role="option"
          aria-selected={index === active}
          className={index === active ? 'active' : undefined}
          // Keep the focus in the composer.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(candidate)}
        >
          @{candidate.name}
          {candidate.id === null && <span className="muted"> everyone in this room</span>}
        </li>
      ))}
    </ul>
  )
}
