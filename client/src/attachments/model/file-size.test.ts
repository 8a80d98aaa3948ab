import { describe, expect, it } from 'vitest'

import { formatFileSize } from './file-size'

describe('formatFileSize', () => {
  it('says bytes below a kilobyte', () => {
    expect(formatFileSize(0)).toBe('0 bytes')
    expect(formatFileSize(1)).toBe('1 byte')
    expect(formatFileSize(1023)).toBe('1023 bytes')
  })

  it('uses one decimal below 10 units and none above, in units of 1024', () => {
    expect(formatFileSize(1024)).toBe('1 KB')
    expect(formatFileSize(1270)).toBe('1.2 KB')
    expect(formatFileSize(12_800)).toBe('13 KB')
    expect(formatFileSize(1.2 * 1024 * 1024)).toBe('1.2 MB')
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatFileSize(3.5 * 1024 ** 3)).toBe('3.5 GB')
  })

  it('carries to the next unit instead of saying 1024', () => {
    expect(formatFileSize(1024 * 1024 - 10)).toBe('1 MB')
    expect(formatFileSize(1023 * 1024)).toBe('1023 KB')
  })

  it('says nothing for a size that is no size', () => {
    expect(formatFileSize(-1)).toBe('')
    expect(formatFileSize(Number.NaN)).toBe('')
  })
})
