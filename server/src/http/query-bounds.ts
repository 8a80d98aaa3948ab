// Bounds on the query parameters Payload's REST API takes (limit, page, depth, pagination, where,
// sort, select, populate, joins and the boolean flags), checked on every /api request before
// Payload parses them. Unbounded, each of these reached SQLite or a recursive walk and answered
// 500: a negative limit ("near offset: syntax error"), 1,200 `or` clauses ("expression tree too
// large"), `and` nested 2,500 deep (a stack overflow), 3,000 sort fields ("too many terms in ORDER
// BY"); and `limit=100000` built a 10 MB answer that stalled every other request.
import * as qs from 'qs-esm'

import { parseInteger } from '../text/integer'
import { jsonNestsDeeperThan, tooDeepMessage } from './json-depth'

export const QUERY_BOUNDS = {
  // Documents per page, whatever the collection; `limit=0` and `pagination=false` mean "all" to
  // Payload, so reads refuse them rather than let them bypass the cap. A bulk update or delete
  // (the admin panel's, `limit=0&where[id][in]=…`) may say 0: its where bounds what it touches.
  maxLimit: 100,
  maxPage: 1_000_000,
  // Payload's own default `maxDepth`: populating deeper is never needed by the chat or the panel.
  maxDepth: 10,
  // A where: conditions in all, `and`/`or` levels, values in one `in`/`not_in`/`all` list.
  whereConditions: 50,
  whereNesting: 5,
  listValues: 100,
  sortFields: 5,
  // select, populate, joins: keys in all and levels.
  selectionKeys: 100,
  selectionNesting: 5,
} as const

// Payload's own parse (createPayloadRequest), so what is bounded is exactly what Payload sees.
const parseQuery = (search: string) =>
  qs.parse(search, { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }) as Record<string, unknown>

const BOOLEAN_PARAMS = ['autosave', 'draft', 'trash', 'overrideLock', 'pagination', 'flattenLocales', 'publishAllLocales', 'unpublishAllLocales']
const SORT_FIELD = /^-?[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/
// Operators whose value is a list (an array, or comma-separated in a query string).
export const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])

function integerProblem(query: Record<string, unknown>, name: string, min: number, max: number): string | null {
  if (!(name in query)) return null
  const value = query[name]
  if (typeof value !== 'string' || parseInteger(value, { min, max }) === null) {
    return `"${name}" must be one integer from ${min} to ${max}.`
  }
  return null
}

// Walks a where without recursion: conditions, and/or levels and list sizes.
function whereProblem(where: unknown): string | null {
  const { whereConditions, whereNesting, listValues } = QUERY_BOUNDS
  let conditions = 0
  const stack: Array<{ node: unknown; level: number }> = [{ node: where, level: 0 }]
  while (stack.length) {
    const { node, level } = stack.pop()!
    if (!node || typeof node !== 'object') continue
    for (const [key, value] of Object.entries(node)) {
      if (key === 'and' || key === 'or') {
        if (level + 1 > whereNesting) return `"where" nests and/or at most ${whereNesting} levels deep.`
        const items = value && typeof value === 'object' ? Object.values(value) : []
        for (const item of items) stack.push({ node: item, level: level + 1 })
        continue
      }
      const operators = value && typeof value === 'object' ? Object.entries(value) : [['', value]]
      for (const [operator, operand] of operators) {
        if (++conditions > whereConditions) return `"where" has at most ${whereConditions} conditions.`
        const values = Array.isArray(operand) ? operand : LIST_OPERATORS.has(operator) ? String(operand).split(',') : []
        if (values.length > listValues) return `"where" lists at most ${listValues} values for one condition.`
      }
    }
  }
  return null
}

// select, populate and joins: nested objects of field names.
function selectionProblem(name: string, value: unknown): string | null {
  const { selectionKeys, selectionNesting } = QUERY_BOUNDS
  let keys = 0
  const stack: Array<{ node: unknown; level: number }> = [{ node: value, level: 1 }]
  while (stack.length) {
    const { node, level } = stack.pop()!
    if (!node || typeof node !== 'object') continue
    if (level > selectionNesting) return `"${name}" nests at most ${selectionNesting} levels deep.`
    for (const child of Object.values(node)) {
      if (++keys > selectionKeys) return `"${name}" names at most ${selectionKeys} fields.`
      stack.push({ node: child, level: level + 1 })
    }
  }
  return null
}

function sortProblem(sort: unknown): string | null {
  const fields = (Array.isArray(sort) ? sort : [sort]).flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : [entry]))
  if (fields.length > QUERY_BOUNDS.sortFields) return `"sort" takes at most ${QUERY_BOUNDS.sortFields} fields.`
  if (!fields.every((field) => typeof field === 'string' && SORT_FIELD.test(field))) {
    return '"sort" must be field names separated by commas, each optionally preceded by "-".'
  }
  return null
}

// A JSON where (`?where={…}`) is parsed here only after its depth is known to be small.
function parsedWhere(value: unknown): { ok: true; where: unknown } | { ok: false; problem: string } {
  if (typeof value !== 'string') return { ok: true, where: value }
  if (jsonNestsDeeperThan(value)) return { ok: false, problem: tooDeepMessage('"where"') }
  try {
    return { ok: true, where: value === '' ? undefined : JSON.parse(value) }
  } catch {
    return { ok: true, where: undefined } // malformed JSON has its own 400 (request-checks.ts)
  }
}

// Returns what is wrong with the query string (with its leading '?' or not), or null. `read`: a
// GET (or a POST overridden to GET), which pages; a PATCH or DELETE of many may say limit=0.
export function queryBoundsProblem(search: string, read: boolean): string | null {
  if (!search || search === '?') return null
  const query = parseQuery(search)
  for (const name of BOOLEAN_PARAMS) {
    if (name in query && query[name] !== 'true' && query[name] !== 'false') return `"${name}" must be true or false.`
  }
  const problem =
    integerProblem(query, 'limit', read ? 1 : 0, QUERY_BOUNDS.maxLimit) ??
    integerProblem(query, 'page', 1, QUERY_BOUNDS.maxPage) ??
    integerProblem(query, 'depth', 0, QUERY_BOUNDS.maxDepth)
  if (problem) return problem
  if (read && query.pagination === 'false' && !('limit' in query)) {
    return `"pagination=false" needs a "limit" (at most ${QUERY_BOUNDS.maxLimit}).`
  }
  if (typeof query.data === 'string' && jsonNestsDeeperThan(query.data)) return tooDeepMessage('"data"')
  const where = parsedWhere(query.where)
  if (!where.ok) return where.problem
  return (
    whereProblem(where.where) ??
    ('sort' in query ? sortProblem(query.sort) : null) ??
    selectionProblem('select', query.select) ??
    selectionProblem('populate', query.populate) ??
    selectionProblem('joins', query.joins)
  )
}
