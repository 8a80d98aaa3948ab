import { expect, it } from 'vitest'

import { COMMIT_KINDS } from '../cross-process'
import { kindsOfNotice, PRESENCE_NOTICE, REVOCATION_NOTICE } from './notices'

it('wakes only the follower a notice is for', () => {
  expect(kindsOfNotice('42')).toEqual(['feed'])
  expect(kindsOfNotice(REVOCATION_NOTICE)).toEqual(['revocation'])
  expect(kindsOfNotice(PRESENCE_NOTICE)).toEqual(['presence'])
})

it('wakes every follower for a notice of no known kind: a hint is never dropped', () => {
  for (const payload of [undefined, '', 'something-new', '-1', '4.2', ' 42']) {
    expect(kindsOfNotice(payload), String(payload)).toEqual(COMMIT_KINDS)
  }
  expect(COMMIT_KINDS).toEqual(expect.arrayContaining(['feed', 'revocation', 'presence']))
})
