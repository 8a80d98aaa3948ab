import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useEffect, useReducer } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { Uploads } from '../../../attachments'
import { makeAttachment } from '../../../attachments/model/test-attachments'
import { emptyQueue, uploadQueueReducer, type UploadAction } from '../../../attachments/model/upload-queue'
import { Composer, type ComposerProps } from './composer'

// The composer with a real upload queue whose requests the test answers (`control.dispatch`).
const control: { dispatch: (action: UploadAction) => void; added: File[][]; cancelled: string[] } = { dispatch: () => {}, added: [], cancelled: [] }

function WithUploads({ onSend }: Pick<ComposerProps, 'onSend'>) {
  const [queue, dispatch] = useReducer(uploadQueueReducer, emptyQueue)
  useEffect(() => {
    control.dispatch = dispatch
  }, [dispatch])
  const uploads: Uploads = {
    queue,
    add: (files) => {
      const list = [...files]
      control.added.push(list)
      dispatch({ type: 'added', files: list.map((file, i) => ({ key: `k${control.added.length}-${i}`, name: file.name, size: file.size })) })
    },
    cancel: (key) => {
      control.cancelled.push(key)
      dispatch({ type: 'removed', key })
    },
    clear: () => dispatch({ type: 'cleared' }),
  }
  return <Composer onSend={onSend} uploads={uploads} />
}

const png = (name = 'shot.png', size = 4000) => new File([new Uint8Array(size)], name, { type: 'image/png' })

describe('Composer with files', () => {
  afterEach(() => {
    cleanup()
    control.added = []
    control.cancelled = []
  })

  it('sends files without text once they are uploaded, and empties the tray', async () => {
    const onSend = vi.fn()
    render(<WithUploads onSend={onSend} />)
    const send = screen.getByRole('button', { name: 'Send' })
    await userEvent.upload(screen.getByLabelText('Files to attach'), [png('a.png'), png('b.png')])
    expect(control.added[0].map((f) => f.name)).toEqual(['a.png', 'b.png'])
    expect(screen.getByRole('progressbar', { name: 'Uploading a.png' })).toBeTruthy()
    expect(send).toHaveProperty('disabled', true)

    control.dispatch({ type: 'uploaded', key: 'k1-0', attachment: makeAttachment(11) })
    await screen.findByRole('button', { name: 'Remove a.png' })
    expect(send).toHaveProperty('disabled', true) // b.png is still uploading
    control.dispatch({ type: 'uploaded', key: 'k1-1', attachment: makeAttachment(12) })
    await screen.findByRole('button', { name: 'Remove b.png' })
    expect(send).toHaveProperty('disabled', false)

    await userEvent.click(send)
    expect(onSend).toHaveBeenCalledWith('', undefined, [makeAttachment(11), makeAttachment(12)])
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull()
  })

  it('cancels an upload, and says in words why a file failed, holding the send until it is removed', async () => {
    const onSend = vi.fn()
    render(<WithUploads onSend={onSend} />)
    await userEvent.upload(screen.getByLabelText('Files to attach'), [png('slow.png'), png('bad.png')])
    await userEvent.click(screen.getByRole('button', { name: 'Cancel upload of slow.png' }))
    expect(control.cancelled).toEqual(['k1-0'])
    expect(screen.queryByText('slow.png')).toBeNull()

    control.dispatch({ type: 'failed', key: 'k1-1', error: 'bad.png cannot be sent: this type of file is not allowed.' })
    expect((await screen.findByRole('alert')).textContent).toBe('bad.png cannot be sent: this type of file is not allowed.')
    await userEvent.type(screen.getByLabelText('Message'), 'hello')
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true)
    await userEvent.click(screen.getByRole('button', { name: 'Remove bad.png' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledWith('hello')
  })

  it('attaches a pasted image, and lets pasted text in as text', async () => {
    render(<WithUploads onSend={vi.fn()} />)
    const box = screen.getByLabelText('Message')
    const file = png('clipboard.png')
    fireEvent.paste(box, { clipboardData: { items: [{ kind: 'file', getAsFile: () => file }] } })
    expect(control.added).toEqual([[file]])
    fireEvent.paste(box, { clipboardData: { items: [{ kind: 'string', getAsFile: () => null }] } })
    expect(control.added).toHaveLength(1)
    expect(await screen.findByRole('progressbar', { name: 'Uploading clipboard.png' })).toBeTruthy()
  })

  it('refuses a file over the size limit before sending a byte', async () => {
    render(<WithUploads onSend={vi.fn()} />)
    await userEvent.upload(screen.getByLabelText('Files to attach'), [png('huge.png', 11 * 1024 * 1024)])
    expect((await screen.findByRole('alert')).textContent).toBe('huge.png is 11 MB: files can be at most 10 MB.')
    expect(screen.queryByRole('progressbar')).toBeNull()
  })
})
