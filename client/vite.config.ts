import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// One origin for the browser: the dev server proxies the API, the admin panel and Next's assets to
// the Payload server, so cookies, CSRF and EventSource work exactly as in production.
const target = `http://localhost:${process.env.SERVER_PORT || 3000}`

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // http-proxy streams text/event-stream through unbuffered (the server sends no-transform).
      '/api': { target, changeOrigin: false },
      '/admin': { target, changeOrigin: false },
      '/_next': { target, changeOrigin: false },
    },
  },
  build: {
    // Served by the Next server in production (see server/next.config.mjs rewrites).
    outDir: '../server/public',
    emptyOutDir: true,
  },
})
