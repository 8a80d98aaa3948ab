'use client'
// A message's files in its edit view (a `ui` field of Messages): what the stored AttachmentRefs
// name, images as thumbnails, each linking to the file, which the admin's session may read. To
// remove one, delete it in Attachments: its message is rewritten without it (and clients told).
import { FieldLabel, useConfig, useFormFields } from '@payloadcms/ui'
import React from 'react'

import type { AttachmentRef } from '../../protocol'
import styles from './attachments.module.css'

const sizeOf = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`)

export function MessageFiles() {
  const { config } = useConfig()
  const refs = useFormFields(([fields]) => fields.attachments?.value)
  const files = Array.isArray(refs) ? (refs as AttachmentRef[]) : []
  if (files.length === 0) return null
  return (
    <div className="field-type">
      <FieldLabel label="Files" />
      <ul className={styles.files}>
        {files.map((file) => (
          <li key={file.id} className={styles.file}>
            <a href={file.url} target="_blank" rel="noopener noreferrer">
              {file.thumbnailUrl ? <img src={file.thumbnailUrl} alt={file.filename} width={file.width ?? undefined} height={file.height ?? undefined} className={styles.thumbnail} /> : null}
              <span>{file.filename}</span>
            </a>
            <span className={styles.meta}>
              {file.mimeType}, {sizeOf(file.filesize)} · <a href={`${config.routes.admin}/collections/attachments/${file.id}`}>attachment {file.id}</a>
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}
