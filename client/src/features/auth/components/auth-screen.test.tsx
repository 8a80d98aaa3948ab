import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../../lib/api-client'
import { AuthScreen, authErrorMessage } from './auth-screen'

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
