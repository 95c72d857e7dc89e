import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Viewer } from './tabs'

/**
 * Who the tab bar is for, kept between launches (the tabs are right at once) and told by the pages that read `user.me`
 * (首页, 我的). One value for every tab bar: WeChat gives each tab page its own custom tab bar.
 */
const STORAGE_KEY = 'sz-tab-viewer'
let current: Viewer | null | undefined
const listeners = new Set<(v: Viewer | null) => void>()

function read(): Viewer | null {
  if (current === undefined) {
    try {
      const stored = Taro.getStorageSync(STORAGE_KEY) as Viewer | '' | undefined
      current = stored && typeof stored === 'object' ? stored : null
    } catch {
      current = null
    }
  }
  return current
}

/** Tells the tab bars who is using the app now (null: nobody known, e.g. not joined). */
export function rememberViewer(me: (Viewer & { roles?: readonly { role: string }[] }) | null): void {
  const reviewer = !!me?.roles?.some((r) => r.role === 'head' || r.role === 'grid')
  const next: Viewer | null = me ? { residentId: me.residentId ?? null, ...(me.merchantId ? { merchantId: me.merchantId } : {}), ...(reviewer ? { reviewer } : {}) } : null
  const before = read()
  if (JSON.stringify(before) === JSON.stringify(next)) return
  current = next
  try {
    if (next) Taro.setStorageSync(STORAGE_KEY, next)
    else Taro.removeStorageSync(STORAGE_KEY)
  } catch {
    // Storage full or unavailable: the tabs are still right until the next launch.
  }
  for (const listener of listeners) listener(next)
}

/** The current viewer, re-rendering when it changes. */
export function useViewer(): Viewer | null {
  const [viewer, setViewer] = useState<Viewer | null>(read)
  useEffect(() => {
    listeners.add(setViewer)
    setViewer(read())
    return () => void listeners.delete(setViewer)
  }, [])
  return viewer
}
