import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError, apiRequest, buildUrl, errorMessages } from './api-client'

const respond = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))

describe('api-client', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('builds query strings and skips undefined values', () => {
    expect(buildUrl('/api/x', { a: 1, b: undefined, 'where[id][less_than]': 5 })).toBe(
      '/api/x?a=1&where%5Bid%5D%5Bless_than%5D=5',
    )
    expect(buildUrl('/api/x')).toBe('/api/x')
  })

  it('prefers field errors over the summary', () => {
    const body = {
      errors: [
        {
          message: 'The following field is invalid: email',
          data: { errors: [{ message: 'A user with the given email is already registered.' }] },
        },
      ],
    }
    expect(errorMessages(body)[0]).toBe('A user with the given email is already registered.')
  })

  it('sends JSON with the cookie and throws ApiError with the server message', async () => {
    const fetchMock = respond(401, { errors: [{ message: 'The email or password provided is incorrect.' }] })
    vi.stubGlobal('fetch', fetchMock)
    const error = (await apiRequest('/api/users/login', { method: 'POST', body: { email: 'a' } }).catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(401)
    expect(error.message).toBe('The email or password provided is incorrect.')
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.credentials).toBe('same-origin')
    expect(init.body).toBe('{"email":"a"}')
  })

  it("keeps the first error's data", async () => {
    vi.stubGlobal('fetch', respond(403, { errors: [{ message: 'This account is suspended.', data: { suspendedUntil: null } }] }))
    const error = (await apiRequest('/api/users/login', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError
    expect(error.data).toEqual({ suspendedUntil: null })
  })

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const error = (await apiRequest('/api/users/me').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
  })
})
