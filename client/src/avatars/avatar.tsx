import { useState } from 'react'

import { knownMissing, markMissing, useAvatarUrl } from './avatar-store'
import { initials } from './initials'

import './avatar.css'

export interface AvatarProps {
  user: { id: number; name: string }
  className?: string
  // The name is not written beside it: the picture then says whose it is.
  labelled?: boolean
}

// A user's picture (`GET /api/users/:id/avatar`, with the session cookie), over their initials,
// which stay when they have none. Decorative by default (alt=""): the name is beside it.
export function Avatar({ user, className = '', labelled = false }: AvatarProps) {
  return (
    <span className={`avatar ${className}`} aria-hidden={labelled ? undefined : true} role={labelled ? 'img' : undefined} aria-label={labelled ? user.name : undefined}>
      {initials(user.name)}
      <AvatarImage userId={user.id} />
    </span>
  )
}

// The picture alone, drawn over its parent's initials (the sidebar's rows draw their own).
export function AvatarImage({ userId }: { userId: number }) {
  const url = useAvatarUrl(userId)
  const [failed, setFailed] = useState<string | null>(null)
  if (failed === url || knownMissing(url)) return null
  return (
    <img
      className="avatar-image"
      src={url}
      alt=""
      loading="lazy"
      decoding="async"
      onError={() => {
        markMissing(url)
        setFailed(url)
      }}
    />
  )
}
