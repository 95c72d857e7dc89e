import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'

export interface Sending {
  /** A write is on its way: its button shows it and takes no second tap. */
  sending: boolean
  /**
   * Runs one write: on success a toast says what was done (`done` of its answer), then `after` (close the sheet,
   * reload); on failure the transport has already said why in a toast, and the sheet stays for another try. Answers
   * whether it went through.
   */
  send: <T>(work: () => Promise<T>, done: (answer: T) => string, after?: (answer: T) => unknown) => Promise<boolean>
}

/** One write from a sheet or a button, the way every staff page does it. */
export function useSending(): Sending {
  const [sending, setSending] = useState(false)
  const send = useCallback(async <T,>(work: () => Promise<T>, done: (answer: T) => string, after?: (answer: T) => unknown): Promise<boolean> => {
    setSending(true)
    try {
      const answer = await work()
      void Taro.showToast({ title: done(answer), icon: 'none', duration: 2500 })
      await after?.(answer)
      return true
    } catch {
      return false
    } finally {
      setSending(false)
    }
  }, [])
  return { sending, send }
}
