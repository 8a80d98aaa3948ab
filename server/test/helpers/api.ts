// Small REST client for tests: JSON in, status and JSON out.
export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export function api(baseUrl: string) {
  async function request<T = any>(
    method: string,
    path: string,
    { token, body, raw, headers = {} }: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `JWT ${token}` } : {}),
        ...headers,
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    })
    const text = await response.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON: keep the text so the assertion shows it
    }
    return { status: response.status, body: parsed, headers: response.headers }
  }

  async function signUp(name: string, email: string, password = 'password-123') {
    const res = await request('POST', '/api/users', { body: { name, email, password } })
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`)
    return login(email, password)
  }

  async function login(email: string, password = 'password-123') {
    const res = await request('POST', '/api/users/login', { body: { email, password } })
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
    return { token: res.body.token as string, id: res.body.user.id as number, user: res.body.user }
  }

  return {
    request,
    signUp,
    login,
    get: <T = any>(path: string, token?: string) => request<T>('GET', path, { token }),
    post: <T = any>(path: string, body: unknown, token?: string) => request<T>('POST', path, { body, token }),
    patch: <T = any>(path: string, body: unknown, token?: string) => request<T>('PATCH', path, { body, token }),
    del: <T = any>(path: string, token?: string) => request<T>('DELETE', path, { token }),
  }
}
