import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/**
 * 大字模式（长辈模式） for this phone: what `user.me` last said (首页 and 我的 read it; the switch in 我的 sets it), kept
 * between launches so that a page opened first (from a notification) is large at once. In h5 the class is on <html>,
 * so every page, sheet and toast is large; in the weapp a page puts `elderClass(elder)` on its root.
 */
const STORAGE_KEY = 'sz-elder'
/** The class under which app.scss raises every size. */
export const ELDER_CLASS = 'sz-elder'
let current: boolean | undefined
const listeners = new Set<(on: boolean) => void>()

function paint(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle(ELDER_CLASS, on)
}

function read(): boolean {
  if (current === undefined) {
    try {
      current = Taro.getStorageSync(STORAGE_KEY) === true
    } catch {
      current = false
    }
    paint(current)
  }
  return current
}

/** Tells every page whether 长辈模式 is on (from `user.me`, or the switch in 我的). */
export function rememberElder(on: boolean): void {
  if (read() === on) return
  current = on
  paint(on)
  try {
    if (on) Taro.setStorageSync(STORAGE_KEY, true)
    else Taro.removeStorageSync(STORAGE_KEY)
  } catch {
    // Storage full or unavailable: the mode is still right until the next launch.
  }
  for (const listener of listeners) listener(on)
}

/** Whether 长辈模式 is on, re-rendering when it changes. */
export function useElder(): boolean {
  const [on, setOn] = useState<boolean>(read)
  useEffect(() => {
    listeners.add(setOn)
    setOn(read())
    return () => void listeners.delete(setOn)
  }, [])
  return on
}

/** The class a page's root adds (weapp: the only way its sizes change; h5: harmless beside the one on <html>). */
export const elderClass = (on: boolean) => (on ? ELDER_CLASS : '')
