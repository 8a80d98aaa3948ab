// The search box's state: the text typed, a request once typing pauses (older ones aborted; a late
// answer is ignored by the reducer), and "more" for the next page.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'

import { errorMessage } from '../../../lib/api-client'
import { fetchSearchPage } from '../api/search-api'
import { checkQuery } from '../model/search-query'
import { initialSearch, searchReducer } from '../model/search-state'

// Long enough not to ask at every key, short enough to feel live.
export const SEARCH_DEBOUNCE_MS = 250

const aborted = (error: unknown) => (error as Error)?.name === 'AbortError'

export function useSearch(delayMs = SEARCH_DEBOUNCE_MS) {
  const [text, setText] = useState('')
  const [state, dispatch] = useReducer(searchReducer, initialSearch)
  const request = useRef<AbortController | null>(null)
  const check = checkQuery(text)
  const q = check.ok ? check.q : null

  const load = useCallback((query: string, page: number) => {
    request.current?.abort()
    const controller = new AbortController()
    request.current = controller
    fetchSearchPage(query, page, controller.signal).then(
      (response) => dispatch({ type: 'loaded', q: query, response }),
      (error: unknown) => {
        if (!aborted(error)) dispatch({ type: 'failed', q: query, error: errorMessage(error) })
      },
    )
  }, [])

  useEffect(() => {
    if (q === null) {
      request.current?.abort()
      dispatch({ type: 'cleared' })
      return
    }
    const timer = setTimeout(() => {
      dispatch({ type: 'asked', q })
      load(q, 1)
    }, delayMs)
    return () => clearTimeout(timer)
  }, [q, delayMs, load])

  useEffect(() => () => request.current?.abort(), [])

  const more = useCallback(() => {
    if (state.q === null || !state.hasNextPage || state.loadingMore) return
    dispatch({ type: 'more' })
    load(state.q, state.page + 1)
  }, [state.q, state.hasNextPage, state.loadingMore, state.page, load])

  const retry = useCallback(() => {
    if (state.q === null) return
    dispatch({ type: 'asked', q: state.q })
    load(state.q, 1)
  }, [state.q, load])

  return { text, setText, check, state, more, retry }
}
