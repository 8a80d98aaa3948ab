import type { NotifyLevel } from '@payload-chat/server/protocol'
import { useMemo, useState, type ReactNode } from 'react'

import { useActionError } from '../hooks/use-action-error'
import { ROOM_MENTION, type MentionCandidate } from '../model/mentions'
import { memberCountLabel, type RoomEntry } from '../model/rooms-reducer'
import type { PresenceEntry } from '../model/presence-reducer'
import type { RoomMember, UserRef } from '../model/types'
import { ConfirmDialog } from './confirm-dialog'
import { FormError } from './form-error'
import { MembersPanel } from './members-panel'
import { NotifyLevelSelect } from './notify-level'
import { Panel } from './panel'
import { RoomForm } from './room-form'

export interface RoomViewProps {
  id: number // the room the URL names
  room: RoomEntry | null // what you may see of it (null: not found)
  loaded: boolean // the rooms list has been loaded
  me: number
  members: RoomMember[] | null
  everyone: UserRef[]
  onJoin: (room: number) => Promise<void>
  onLeave: (room: number) => Promise<void>
  onUpdate: (room: number, fields: { name: string; topic: string | null; visibility: RoomEntry['visibility'] }) => Promise<void>
  onAddMember: (room: number, user: number) => Promise<void>
  onRemoveMember: (room: number, user: number) => Promise<void>
  onBack: () => void
  onNotify?: (room: number, level: NotifyLevel) => Promise<void>
  presenceOf?: (user: number) => PresenceEntry | undefined
  // The room's conversation, given its header details and who `@` may mention.
  renderConversation: (details: ReactNode, mentionables: MentionCandidate[]) => ReactNode
}

// A room named by the URL: "not found" when you may not see it (a private room you are not in
// looks exactly like one that does not exist), an invitation to join a public one, else the
// conversation with its members and (owners) settings.
export function RoomView(props: RoomViewProps) {
  const { id, room, loaded, me, members, everyone, onBack } = props
  const [panel, setPanel] = useState<'members' | 'settings' | null>(null)
  const [confirmingLeave, setConfirmingLeave] = useState(false)
  const { error, attempt } = useActionError()
  const isOwner = room?.role === 'owner'
  const mentionables = useMemo<MentionCandidate[]>(() => {
    const others = (members ?? []).filter((m) => m.id !== me).map(({ id, name }) => ({ id, name }))
    return isOwner ? [...others, ROOM_MENTION] : others
  }, [members, me, isOwner])

  const errorLine = <FormError message={error} />

  if (!room || !room.isMember) {
    const title = !loaded ? 'Loading room…' : room ? `#${room.name}` : 'Room not found'
    return (
      <section className="conversation empty-state" aria-label={title}>
        <header className="conversation-header">
          <button type="button" className="back" onClick={onBack} aria-label="Back to conversations">
            ‹
          </button>
          <h2>{title}</h2>
        </header>
        <div className="panel-body">
          {loaded && !room && <p className="muted">This room does not exist, or it is private and you are not a member.</p>}
          {room && (
            <>
              <p className="muted">
                {room.topic ? `${room.topic} · ` : ''}
                {memberCountLabel(room.memberCount)}. Join it to read and write here.
              </p>
              {errorLine}
              <button type="button" className="primary" onClick={() => void attempt(() => props.onJoin(id))}>
                Join #{room.name}
              </button>
            </>
          )}
        </div>
      </section>
    )
  }

  if (panel === 'members') {
    return (
      <Panel title={`Members of #${room.name}`} onClose={() => setPanel(null)}>
        <MembersPanel
          members={members}
          me={me}
          isOwner={isOwner}
          everyone={everyone}
          onAdd={(user) => props.onAddMember(id, user)}
          onRemove={(user) => props.onRemoveMember(id, user)}
          presenceOf={props.presenceOf}
        />
      </Panel>
    )
  }
  if (panel === 'settings') {
    return (
      <Panel title={`Settings of #${room.name}`} onClose={() => setPanel(null)}>
        <RoomForm
          initial={{ name: room.name, topic: room.topic ?? '', visibility: room.visibility }}
          submitLabel="Save"
          onSubmit={async (fields) => {
            await props.onUpdate(id, fields)
            setPanel(null)
          }}
        />
      </Panel>
    )
  }

  const leave = () => void attempt(() => props.onLeave(id))
  // A private room cannot be joined again without an owner: leaving it is confirmed first.
  const confirmLeave = confirmingLeave && (
    <ConfirmDialog
      title={`Leave #${room.name}?`}
      confirmLabel="Leave"
      onConfirm={() => {
        setConfirmingLeave(false)
        leave()
      }}
      onCancel={() => setConfirmingLeave(false)}
    >
      <p>{leaveConsequences(room, me, members)}</p>
    </ConfirmDialog>
  )

  const details = (
    <div className="room-details">
      {room.topic && <p className="topic">{room.topic}</p>}
      <button type="button" className="link" onClick={() => setPanel('members')}>
        {memberCountLabel(room.memberCount)}
      </button>
      {isOwner && (
        <button type="button" className="link" onClick={() => setPanel('settings')}>
          Settings
        </button>
      )}
      <button type="button" className="link danger" onClick={() => (room.visibility === 'private' ? setConfirmingLeave(true) : leave())}>
        Leave
      </button>
      {props.onNotify && <NotifyLevelSelect value={room.notify} onChange={(level) => props.onNotify!(id, level)} />}
      {errorLine}
      {confirmLeave}
    </div>
  )
  return <>{props.renderConversation(details, mentionables)}</>
}

// What leaving private room `room` means for you, and for the room when you own it.
function leaveConsequences(room: RoomEntry, me: number, members: RoomMember[] | null): string {
  const parts = [`#${room.name} is private: you can come back only if an owner adds you again.`]
  const otherOwners = (members ?? []).filter((m) => m.role === 'owner' && m.id !== me).length
  if (room.memberCount <= 1) parts.push('You are its last member: it will be left empty.')
  else if (room.role === 'owner' && otherOwners === 0) parts.push('The member here longest becomes its owner.')
  return parts.join(' ')
}
