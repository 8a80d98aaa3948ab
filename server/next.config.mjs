import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The stream must reach clients as written: no compression of text/event-stream.
  compress: false,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
