// Process-wide singletons. `next dev` reloads modules, and server.mjs loads some of them outside
// the app's bundle: a value kept in a module's own scope would then exist twice (two pollers, two
// rate-limit counts). Kept on globalThis under a registered symbol, every copy finds the same one.
// Plain JavaScript so server.mjs and the dev preload can load it without a build.

/**
 * The process's one value called `name`, created by `create` the first time.
 * @template T
 * @param {string} name
 * @param {() => T} create
 * @returns {T}
 */
export function processGlobal(name, create) {
  const key = Symbol.for(`payload-chat.${name}`)
  return (globalThis[key] ??= create())
}

/**
 * The value called `name` if some module created it, else undefined (never creates it).
 * @template T
 * @param {string} name
 * @returns {T | undefined}
 */
export function existingProcessGlobal(name) {
  return globalThis[Symbol.for(`payload-chat.${name}`)]
}

/**
 * Sets the process's value called `name` (replacing any).
 * @template T
 * @param {string} name
 * @param {T} value
 */
export function setProcessGlobal(name, value) {
  globalThis[Symbol.for(`payload-chat.${name}`)] = value
}

// The /api entry (src/http/api-entry.ts) that server.mjs serves /api with: set by Payload's
// onInit, in the app's own module graph, so its errors and classes are the ones Payload's
// handlers expect.
export const API_ENTRY = 'api-entry'
