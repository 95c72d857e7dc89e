import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { ApiError, type Page } from '../api'

/** One page of one source: answers items and the cursor of the next page (none at the end). */
export type PageSource<T> = (cursor?: string) => Promise<Page<T>>

export interface Paged<T> {
  /** The first page: loading, failed (with the error), or ready. */
  status: 'loading' | 'error' | 'ready'
  error?: ApiError
  items: T[]
  hasMore: boolean
  loadingMore: boolean
  /** Loading a further page failed: the list stays, the footer offers 重试. */
  moreError?: ApiError
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

interface SourceState<T> {
  fetch: PageSource<T>
  buffer: T[]
  cursor?: string
  done: boolean
}

const PAGE = 20

/**
 * A list read page by page with the server's cursor. With more than one source (e.g. 待审核 = submitted + pre_approved),
 * the sources are merged in `order` (each source must already be in that order): an item is shown only when every
 * unfinished source has something to compare it with, so no later page can put an item above one already shown.
 */
export function usePaged<T>(sources: PageSource<T>[], order: ((a: T, b: T) => number) | null, deps: DependencyList): Paged<T> {
  const [view, setView] = useState<Omit<Paged<T>, 'reload' | 'loadMore'>>({ status: 'loading', items: [], hasMore: false, loadingMore: false })
  const generation = useRef(0)
  const states = useRef<SourceState<T>[]>([])
  const busy = useRef(false)
  const sourcesRef = useRef(sources)
  sourcesRef.current = sources
  const orderRef = useRef(order)
  orderRef.current = order

  /** Up to one page from the merged sources; fetches only what is needed to order them. */
  const next = useCallback(async (gen: number): Promise<T[] | null> => {
    const out: T[] = []
    for (;;) {
      const empty = states.current.filter((s) => !s.done && s.buffer.length === 0)
      if (empty.length > 0) {
        if (out.length > 0) return out // enough for now; the next tap fetches more
        await Promise.all(
          empty.map(async (s) => {
            const page = await s.fetch(s.cursor)
            if (gen !== generation.current) return
            s.buffer.push(...page.items)
            s.cursor = page.cursor
            s.done = !page.cursor
          }),
        )
        if (gen !== generation.current) return null
        continue
      }
      const live = states.current.filter((s) => s.buffer.length > 0)
      if (live.length === 0 || out.length >= PAGE) return out
      let best = live[0]
      for (const s of live.slice(1)) if (orderRef.current && orderRef.current(s.buffer[0], best.buffer[0]) < 0) best = s
      out.push(best.buffer.shift()!)
    }
  }, [])

  const more = () => states.current.some((s) => !s.done || s.buffer.length > 0)

  /** `fresh`: another list (a new filter) — show loading, not the old items; else a refresh keeps them on screen. */
  const load = useCallback(async (fresh: boolean) => {
    const gen = ++generation.current
    states.current = sourcesRef.current.map((fetch) => ({ fetch, buffer: [], done: false }))
    busy.current = true
    setView((v) =>
      v.status === 'ready' && !fresh ? { ...v, moreError: undefined } : { status: 'loading', items: [], hasMore: false, loadingMore: false },
    )
    try {
      const items = await next(gen)
      if (items && gen === generation.current) setView({ status: 'ready', items, hasMore: more(), loadingMore: false })
    } catch (e) {
      if (gen === generation.current) setView({ status: 'error', error: toApiError(e), items: [], hasMore: false, loadingMore: false })
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [next])
  const reload = useCallback(() => load(false), [load])

  const loadMore = useCallback(async () => {
    if (busy.current || !more()) return
    const gen = generation.current
    busy.current = true
    setView((v) => ({ ...v, loadingMore: true, moreError: undefined }))
    try {
      const items = await next(gen)
      if (items && gen === generation.current) setView((v) => ({ ...v, items: [...v.items, ...items], hasMore: more(), loadingMore: false }))
    } catch (e) {
      if (gen === generation.current) setView((v) => ({ ...v, loadingMore: false, moreError: toApiError(e) }))
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [next])

  useEffect(() => {
    void load(true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { ...view, reload, loadMore }
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL')
}
