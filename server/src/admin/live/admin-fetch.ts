// The panel's own requests to the REST API: same origin, with the admin's session cookie. A
// refusal becomes an Error carrying the API's message (`{errors:[{message}]}`), for a toast.
export async function adminFetch<T = unknown>(url: string, init: { method: string; body?: unknown } = { method: 'GET' }): Promise<T> {
  const response = await fetch(url, {
    method: init.method,
    credentials: 'include',
    headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new Error(body?.errors?.[0]?.message ?? `The server answered ${response.status}.`)
  return body as T
}
