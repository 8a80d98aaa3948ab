import type { CollectionBeforeOperationHook, FlattenedField, Payload } from 'payload'

import { APIError } from 'payload'

import { isId } from '../db/ids'
import { LIST_OPERATORS } from '../http/query-bounds'

// Payload passes query values to SQLite as they come: a non-numeric id or an unparseable date
// becomes NaN there and fails as a 500. Checked here instead, for every operation, they are a 400
// (404 for an id in the URL, which names no document) and nothing runs.
type Kind = 'integer' | 'number' | 'date' | 'other'

const NUMBER = /^-?\d+(\.\d+)?$/

// The field a where path names, through relationships and groups (undefined for `id`, unknown).
function fieldAt(payload: Payload, fields: FlattenedField[], path: string): FlattenedField | undefined {
  const [head, ...rest] = path.split('.')
  const field = fields.find((f) => f.name === head)
  if (!field || rest.length === 0) return field
  if (field.type === 'relationship' && typeof field.relationTo === 'string') {
    return fieldAt(payload, payload.collections[field.relationTo]?.config.flattenedFields ?? [], rest.join('.'))
  }
  return 'flattenedFields' in field ? fieldAt(payload, field.flattenedFields, rest.join('.')) : undefined
}

function kindOf(field: FlattenedField | undefined, path: string): Kind {
  if (path === 'id' || path.endsWith('.id')) return 'integer'
  if (field?.type === 'relationship' && typeof field.relationTo === 'string') return 'integer'
  if (field?.type === 'number') return 'number'
  if (field?.type === 'date') return 'date'
  return 'other'
}

// SQLite has no meaning for these on other fields: `all` on a single value or a spatial
// operator on a non-point field failed in the query builder (500, found by the fuzz test).
const SPATIAL_OPERATORS = new Set(['near', 'within', 'intersects'])
function operatorProblem(field: FlattenedField | undefined, operator: string): string | null {
  if (operator === 'all' && !(field && 'hasMany' in field && field.hasMany)) return 'needs a field that holds many values'
  if (SPATIAL_OPERATORS.has(operator) && field?.type !== 'point') return 'needs a point field'
  return null
}

function valueIsValid(kind: Kind, value: unknown): boolean {
  if (value === null) return true
  // Payload's own code queries with Date objects (the admin panel's document locks).
  if (value instanceof Date) return kind === 'date' && !Number.isNaN(value.getTime())
  if (typeof value === 'object') return false
  const text = String(value)
  if (kind === 'integer') return isId(text)
  if (kind === 'number') return NUMBER.test(text)
  if (kind === 'date') return !Number.isNaN(Date.parse(text))
  return true
}

function checkWhere(payload: Payload, fields: FlattenedField[], where: unknown, trail: string): void {
  if (where === undefined || where === null) return
  if (typeof where !== 'object') throw new APIError(`${trail} must be an object.`, 400)
  for (const [key, condition] of Object.entries(where)) {
    if (key === 'and' || key === 'or') {
      const list = Array.isArray(condition) ? condition : Object.values(condition ?? {})
      list.forEach((nested, i) => checkWhere(payload, fields, nested, `${trail}[${key}][${i}]`))
      continue
    }
    if (!condition || typeof condition !== 'object') {
      throw new APIError(`${trail}[${key}] needs an operator, e.g. [equals].`, 400)
    }
    const field = fieldAt(payload, fields, key)
    if (field?.type === 'relationship' && Array.isArray(field.relationTo) && fieldAt(payload, fields, key.split('.')[0]) === field) {
      throw new APIError(`${trail}[${key}] links to several collections: query [${key}.value] and [${key}.relationTo].`, 400)
    }
    const kind = kindOf(field, key)
    for (const [operator, value] of Object.entries(condition)) {
      const misfit = operatorProblem(field, operator)
      if (misfit) throw new APIError(`${trail}[${key}][${operator}] ${misfit}.`, 400)
      if (operator === 'exists') {
        if (!['true', 'false', true, false].includes(value as never)) {
          throw new APIError(`${trail}[${key}][exists] must be true or false.`, 400)
        }
        continue
      }
      if (kind === 'other') continue
      const values = LIST_OPERATORS.has(operator)
        ? Array.isArray(value) ? value : String(value).split(',')
        : [value]
      if (!values.every((v) => valueIsValid(kind, v))) {
        const expected = kind === 'date' ? 'a date' : kind === 'integer' ? 'an id (a positive integer)' : 'a number'
        throw new APIError(`${trail}[${key}][${operator}] must be ${expected}.`, 400)
      }
    }
  }
}

// Fields hidden from every API response (hash, salt, login attempts, reset tokens) are never a
// sort key, for admins either: Payload refuses them at the top level but not through a
// relationship (`sort=sender.hash` ordered messages by their senders' password hashes).
function hiddenAlong(payload: Payload, fields: FlattenedField[], path: string): boolean {
  const [head, ...rest] = path.split('.')
  const field = fields.find((f) => f.name === head)
  if (!field) return false
  if ('hidden' in field && field.hidden) return true
  if (rest.length === 0) return false
  if (field.type === 'relationship' && typeof field.relationTo === 'string') {
    return hiddenAlong(payload, payload.collections[field.relationTo]?.config.flattenedFields ?? [], rest.join('.'))
  }
  return 'flattenedFields' in field && hiddenAlong(payload, field.flattenedFields, rest.join('.'))
}

function checkSort(payload: Payload, fields: FlattenedField[], sort: unknown): void {
  const paths = (Array.isArray(sort) ? sort : [sort]).flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : []))
  for (const path of paths) {
    if (hiddenAlong(payload, fields, path.replace(/^-/, ''))) throw new APIError(`Cannot sort by "${path}".`, 400)
  }
}

// Payload's own hooks call string methods on some of these (the auth email is lowercased before
// it is validated): a number or an object there is a 500 unless it is refused here.
const TEXT_TYPES = new Set(['text', 'textarea', 'email', 'code'])

function checkTextFields(fields: FlattenedField[], data: Record<string, unknown>, isAuth: boolean): void {
  const names = fields.filter((field) => TEXT_TYPES.has(field.type) && !('hasMany' in field && field.hasMany)).map((field) => field.name)
  if (isAuth) names.push('password')
  for (const name of names) {
    const value = data[name]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new APIError(`"${name}" must be text.`, 400)
    }
  }
}

export const rejectMalformedRequest: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const { id, where, data } = args as { id?: unknown; where?: unknown; data?: unknown }
  if (id !== undefined && id !== null && !isId(id)) {
    throw new APIError('Not a valid id: ids are positive integers.', 404)
  }
  if ((operation === 'create' || operation === 'update') && 'data' in args) {
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new APIError('The request body must be a JSON object.', 400)
    }
    checkTextFields(collection.flattenedFields, data as Record<string, unknown>, Boolean(collection.auth))
  }
  if (operation === 'login' || operation === 'forgotPassword') {
    checkTextFields(collection.flattenedFields, (data ?? {}) as Record<string, unknown>, true)
  }
  checkWhere(req.payload, collection.flattenedFields, where, 'where')
  checkSort(req.payload, collection.flattenedFields, (args as { sort?: unknown }).sort)
  return args
}
