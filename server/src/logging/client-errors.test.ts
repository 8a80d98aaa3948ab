import { describe, expect, it, vi } from 'vitest'

import { logClientError, skipClientErrorTraces } from './client-errors'

describe('skipClientErrorTraces', () => {
  const logged = (entry: unknown) => {
    const log = vi.fn()
    skipClientErrorTraces.call({} as never, [entry], log)
    return log.mock.calls.length
  }

  it("drops Payload's entry for an error with a 4xx status", () => {
    expect(logged({ err: Object.assign(new Error('no'), { status: 401 }) })).toBe(0)
    expect(logged({ err: { status: 499 } })).toBe(0)
  })

  it('keeps server errors, errors without a status and everything else', () => {
    expect(logged({ err: Object.assign(new Error('db down'), { status: 500 }) })).toBe(1)
    expect(logged({ err: new Error('no status') })).toBe(1)
    expect(logged({ msg: 'Migrating' })).toBe(1)
    expect(logged('plain text')).toBe(1)
  })
})

describe('logClientError', () => {
  it('prefers the field message and logs nothing for a success or a server error', () => {
    const logger = { info: vi.fn() }
    const body = { errors: [{ message: 'The following field is invalid: content', data: { errors: [{ message: 'Content must contain something visible.' }] } }] }
    logClientError(logger as never, 'POST', 'http://h/api/messages?x=1', 400, body)
    expect(logger.info).toHaveBeenCalledWith('POST /api/messages 400 Content must contain something visible.')
    logClientError(logger as never, 'GET', '/api/x', 200, undefined)
    logClientError(logger as never, 'GET', '/api/x', 500, undefined)
    expect(logger.info).toHaveBeenCalledTimes(1)
  })

  it('keeps a client-supplied newline from forging a log line of its own', () => {
    const logger = { info: vi.fn() }
    const body = { errors: [{ message: 'where[x\n[12:00:00] ERROR: forged] needs an operator' }] }
    logClientError(logger as never, 'GET', 'http://h/api/messages', 400, body)
    expect(logger.info).toHaveBeenCalledWith('GET /api/messages 400 where[x [12:00:00] ERROR: forged] needs an operator')
  })
})
