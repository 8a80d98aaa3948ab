import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../../lib/api-client'
import { AuthScreen, authErrorMessage, suspendedText } from './auth-screen'

describe('authErrorMessage', () => {
  it('tells a wrong password, too many attempts and a taken email apart', () => {
    expect(authErrorMessage(new ApiError(401, ['The email or password provided is incorrect.']), 'login')).toBe(
      'Wrong email or password.',
    )
    const tooMany = (seconds: number | null) => new ApiError(429, ['Too many failed logins from this address. Retry in 1 s.'], seconds)
    expect(authErrorMessage(tooMany(900), 'login')).toBe('Too many attempts from here. Try again in 15 minutes.')
    expect(authErrorMessage(tooMany(3500), 'signup')).toBe('Too many attempts from here. Try again in 58 minutes.')
    expect(authErrorMessage(tooMany(86_000), 'login')).toBe('Too many attempts from here. Try again in 24 hours.')
    expect(authErrorMessage(tooMany(null), 'login')).toBe('Too many attempts from here. Try again later.')
    expect(authErrorMessage(new ApiError(400, ['A user with the given email is already registered.']), 'signup')).toMatch(
      /already exists/,
    )
    expect(authErrorMessage(new ApiError(400, ['The following field is invalid: email']), 'signup')).toMatch(/already registered/)
    expect(authErrorMessage(new ApiError(0, ['Cannot reach the server. Check your connection.']), 'login')).toMatch(/reach/)
  })
})

describe('suspendedText', () => {
  it("says until when, in the reader's locale and time zone, or that it lasts until lifted", () => {
    const until = '2026-12-07T17:30:00.000Z'
    expect(suspendedText(until, 'en-US', 'UTC')).toBe('This account is suspended until December 7, 2026 at 5:30 PM.')
    expect(suspendedText(until, 'de-DE', 'Europe/Berlin')).toBe('This account is suspended until 7. Dezember 2026 um 18:30.')
    expect(suspendedText(null)).toBe('This account is suspended until a moderator lifts it.')
  })
})

describe('AuthScreen', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('logs in with the labelled fields and shows the error otherwise', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ errors: [{ message: 'The email or password provided is incorrect.' }] }), { status: 401 }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ user: { id: 1, name: 'Alice', email: 'a@x.io' } }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const onAuthenticated = vi.fn()
    render(<AuthScreen onAuthenticated={onAuthenticated} />)
    await userEvent.type(screen.getByLabelText('Email'), 'a@x.io')
    await userEvent.type(screen.getByLabelText('Password'), 'nope')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
    await vi.waitFor(() => expect(onAuthenticated).toHaveBeenCalledWith({ id: 1, name: 'Alice', email: 'a@x.io' }))
  })

  it("shows a suspended account's refusal with its end date", async () => {
    const until = '2026-12-07T17:30:00.000Z'
    const body = { errors: [{ message: `This account is suspended until ${until}.`, data: { suspendedUntil: until } }] }
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 403 })))
    const onAuthenticated = vi.fn()
    render(<AuthScreen onAuthenticated={onAuthenticated} />)
    await userEvent.type(screen.getByLabelText('Email'), 'a@x.io')
    await userEvent.type(screen.getByLabelText('Password'), 'right-password')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
    expect((await screen.findByRole('alert')).textContent).toBe(suspendedText(until))
    expect(suspendedText(until)).not.toContain(until)
    expect(onAuthenticated).not.toHaveBeenCalled()
  })

  it('asks for a name when signing up', async () => {
    render(<AuthScreen onAuthenticated={vi.fn()} />)
    expect(screen.queryByLabelText('Name')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Create an account' }))
    expect(screen.getByLabelText('Name')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Sign up' })).toBeTruthy()
    const password = screen.getByLabelText('Password')
    expect(password.getAttribute('minlength')).toBe('8')
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe('At least 8 characters.')
  })
})
