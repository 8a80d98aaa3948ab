// Files for the e2e scenarios: a real PNG of a given size (sharp, from the server's dependencies),
// a minimal PDF, and a way to drop or paste files onto a page as a person would.
import { createRequire } from 'node:module'
import { join } from 'node:path'

import type { Locator, Page } from 'playwright-core'

import { repoRoot } from './harness'

// The slice of sharp's API used here (it is the server's dependency, not the client's).
type Sharp = (options: { create: { width: number; height: number; channels: 3; background: string } }) => { png: () => { toBuffer: () => Promise<Buffer> } }
const sharp = createRequire(join(repoRoot, 'server', 'package.json'))('sharp') as Sharp

export interface TestFile {
  name: string
  mimeType: string
  buffer: Buffer
}

export async function png(name: string, width: number, height: number, background = '#3366cc'): Promise<TestFile> {
  const buffer = await sharp({ create: { width, height, channels: 3, background } }).png().toBuffer()
  return { name, mimeType: 'image/png', buffer }
}

export function pdf(name: string): TestFile {
  const text = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer << /Root 1 0 R >>\n%%EOF\n'
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text) }
}

// A DataTransfer holding `files`, made in the page.
function dataTransfer(page: Page, files: TestFile[]) {
  const payload = files.map((file) => ({ name: file.name, type: file.mimeType, base64: file.buffer.toString('base64') }))
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer()
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], file.name, { type: file.type }))
    }
    return transfer
  }, payload)
}

// Drags `files` over `target` and drops them.
export async function dropFiles(page: Page, target: Locator, files: TestFile[]) {
  const transfer = await dataTransfer(page, files)
  await target.dispatchEvent('dragenter', { dataTransfer: transfer })
  await target.dispatchEvent('dragover', { dataTransfer: transfer })
  await target.dispatchEvent('drop', { dataTransfer: transfer })
}

// Pastes `files` (a screenshot on the clipboard) into `target`.
export async function pasteFiles(page: Page, target: Locator, files: TestFile[]) {
  const transfer = await dataTransfer(page, files)
  await target.evaluate((element, clipboardData) => {
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }))
  }, transfer)
}
