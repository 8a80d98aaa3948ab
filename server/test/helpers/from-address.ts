// Requests from a chosen local address: the client socket is bound to it (`localAddress`), so the
// server sees a different TCP peer per address, as it would see different machines. Any of
// 127.0.0.0/8 works on loopback. Returns the raw body too, for byte-for-byte comparisons.
import http from 'node:http'

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  body: any
}

export interface FromOptions {
  body?: unknown
  token?: string
  headers?: Record<string, string>
}

export function requestFrom(baseUrl: string, localAddress: string, method: string, path: string, options: FromOptions = {}) {
  const { body, token, headers = {} } = options
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method,
        localAddress,
        agent: false,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
          ...(token ? { authorization: `JWT ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => {
          let parsed: any = text
          try {
            parsed = text ? JSON.parse(text) : null
          } catch {
            // not JSON: the text shows in the assertion
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed })
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

// A client at one address: `at('127.0.0.2').post('/api/users/login', {...})`.
export function clientAt(baseUrl: string, localAddress: string) {
  const call = (method: string) => (path: string, body?: unknown, options: Omit<FromOptions, 'body'> = {}) =>
    requestFrom(baseUrl, localAddress, method, path, { ...options, body })
  return { address: localAddress, get: call('GET'), post: call('POST'), patch: call('PATCH') }
}
