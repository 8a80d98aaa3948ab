// A file's size for people: "820 bytes", "12 KB", "1.2 MB". Units of 1024 (1 MB = 1,048,576 bytes),
// as the server counts its limit (10 MB is 10 * 1024 * 1024); one decimal below 10, none above.
const UNITS = ['KB', 'MB', 'GB'] as const

export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`
  let value = bytes
  let unit: (typeof UNITS)[number] = 'KB'
  for (const next of UNITS) {
    value /= 1024
    unit = next
    // Rounding may reach 1024 (1,048,570 bytes is "1 MB", not "1024 KB").
    if (Number((value < 10 ? value.toFixed(1) : value.toFixed(0))) < 1024) break
  }
  const text = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : value.toFixed(0)
  return `${text} ${unit}`
}
