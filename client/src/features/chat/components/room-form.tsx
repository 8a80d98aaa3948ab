import { useState, type FormEvent } from 'react'

import { errorMessage } from '../../../lib/api-client'
import { MAX_ROOM_NAME_LENGTH, MAX_ROOM_TOPIC_LENGTH, type RoomVisibility } from '../model/types'
import { FormError } from './form-error'

export interface RoomFields {
  name: string
  topic: string
  visibility: RoomVisibility
}

export interface RoomFormProps {
  initial?: RoomFields
  submitLabel: string
  // Resolves when the server agreed; its refusal is shown under the form.
  onSubmit: (fields: { name: string; topic: string | null; visibility: RoomVisibility }) => Promise<void>
}

const VISIBILITIES: Array<{ value: RoomVisibility; label: string }> = [
  { value: 'public', label: 'Public: anyone can find and join it' },
  { value: 'private', label: 'Private: only people added by an owner' },
]

// Name, topic and who may find the room: creating one, or an owner changing them.
export function RoomForm({ initial = { name: '', topic: '', visibility: 'public' }, submitLabel, onSubmit }: RoomFormProps) {
  const [fields, setFields] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const name = fields.name.trim()
  const valid = name.length > 0 && name.length <= MAX_ROOM_NAME_LENGTH && fields.topic.trim().length <= MAX_ROOM_TOPIC_LENGTH

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!valid || busy) return
    setBusy(true)
    setError(null)
    try {
      await onSubmit({ name, topic: fields.topic.trim() || null, visibility: fields.visibility })
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="room-form" onSubmit={(event) => void submit(event)}>
      <label className="field">
        Room name
        <input
          value={fields.name}
          maxLength={MAX_ROOM_NAME_LENGTH + 20}
          onChange={(e) => setFields({ ...fields, name: e.target.value })}
          required
        />
      </label>
      <label className="field">
        Topic (optional)
        <input value={fields.topic} onChange={(e) => setFields({ ...fields, topic: e.target.value })} />
      </label>
      <fieldset className="field">
        <legend>Who can find it</legend>
        {VISIBILITIES.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name="visibility"
              checked={fields.visibility === option.value}
              onChange={() => setFields({ ...fields, visibility: option.value })}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <button type="submit" className="primary" disabled={!valid || busy}>
        {submitLabel}
      </button>
    </form>
  )
}
