import { useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * Runs `again` when the page shows again after being hidden (back from another page, back to a tab), never on the
 * first show, which loads by itself. Keyed on a hide rather than on "not the first show": a part of a page that mounts
 * after its data arrives never sees the page's first show, and would otherwise swallow the first real return.
 */
export function useReshow(again: () => void): void {
  const hidden = useRef(false)
  const latest = useRef(again)
  latest.current = again
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    latest.current()
  })
}
