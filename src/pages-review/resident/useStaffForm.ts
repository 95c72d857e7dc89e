import { useState } from 'react'
import { ApiError, newRequestId } from '../../api'

/**
 * The state of a staff form on 查询居民积分 (调整积分, 登记扣分): what each field says is wrong, the refusal, the last
 * success, and one request id per form — kept across retries, so a retry after a lost answer writes once, and new
 * after a success.
 */
export function useStaffForm<F extends string>(prefix: string, failure: string) {
  const [problems, setProblems] = useState<Partial<Record<F, string>>>({})
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [requestId, setRequestId] = useState(() => newRequestId(prefix))

  /** A change by the person: the last success and refusal go, and so does what was wrong with `field`. */
  const edit = (change: () => void, field?: F) => {
    change()
    setDone(null)
    setError(null)
    if (field) setProblems((p) => ({ ...p, [field]: undefined }))
  }

  /** Sends with the form's request id: on success the words of what was done, then `after` (clear the fields); on failure the refusal stays on screen. */
  const send = async <T>(work: (requestId: string) => Promise<T>, doneWords: (answer: T) => string, after?: (answer: T) => void) => {
    setSending(true)
    setError(null)
    try {
      const answer = await work(requestId)
      setDone(doneWords(answer))
      setRequestId(newRequestId(prefix))
      after?.(answer)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : failure)
    } finally {
      setSending(false)
    }
  }

  return { problems, setProblems, error, done, sending, requestId, edit, send }
}
