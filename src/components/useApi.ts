import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { ApiError } from '../api'

/** What a page shows while it loads data: one of three states, never a blank screen. */
export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T }

export interface UseApi<T> {
  state: ApiState<T>
  /** Loads again. Data already on screen stays there while it refreshes (pull-down); an error gives way to loading. */
  reload: () => Promise<void>
}

/**
 * Loads with `load()` on mount and whenever `deps` change. A late answer from an older call never overwrites a newer one.
 * `load` is read at call time, so an inline arrow is fine.
 */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList = []): UseApi<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' })
  const loadRef = useRef(load)
  loadRef.current = load
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const call = ++latest.current
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    try {
      const data = await loadRef.current()
      if (call === latest.current) setState({ status: 'ready', data })
    } catch (e) {
      if (call === latest.current) setState({ status: 'error', error: toApiError(e) })
    }
  }, [])

  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { state, reload }
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL')
}
