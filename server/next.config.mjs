import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The stream must reach clients as written: no compression of text/event-stream.
  compress: false,
  // The chat client is built by Vite into public/ (see client/vite.config.ts): serve it at `/`.
  async rewrites() {
    return [{ source: '/', destination: '/index.html' }]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
