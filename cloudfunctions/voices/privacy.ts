/**
 * A privacy deletion (org.processDeletion) as 说事 sees it. The person's open wishes are withdrawn (their held points
 * given back, as a withdrawal does); what they posted loses its words, its photos and their name, and keeps its steps
 * (the office's answers, the status) for the record; a wish they took keeps the taking, not their name; their 附议 go
 * (the counts stay). Answers the photo files to delete (each upload and its pinned copy).
 */
import { DELETED_NAME } from '../../src/core/names'
import { allows } from '../../src/core/lifecycle'
import { WISHES } from '../../src/core/voices'
import { type Db, readAll, transaction } from '../_shared/cloud'
import { readSettings } from '../_shared/settings'
import { payablePlacement, releaseIn } from './points'
import type { Actor, VoiceRecord } from './records'

const forget = (a: Actor, openid: string): Actor => (a.openid === openid ? { ...a, name: DELETED_NAME } : a)

export async function forgetVoices(db: Db, openid: string, by: { openid: string; name: string }, now: Date): Promise<{ posts: number; files: string[] }> {
  const at = now.toISOString()
  const posted = await readAll<VoiceRecord>(db, 'voices', { 'author.openid': openid })
  const taken = await readAll<VoiceRecord>(db, 'voices', { 'taker.openid': openid })
  const files = [...new Set(posted.flatMap((p) => [...p.photos, ...p.pinned, ...p.history.flatMap((h) => (h.by.openid === openid ? (h.pinned ?? []) : []))]))]
  for (const seen of [...posted, ...taken.filter((t) => !posted.some((p) => p._id === t._id))]) {
    const poster = seen.author.openid === openid && seen.offerTenths ? await payablePlacement(db, seen.author.residentId) : null
    const settings = await readSettings(db, seen.communityId)
    await transaction(db, async (tx) => {
      const current = ((await tx.collection('voices').doc(seen._id).get()).data ?? null) as VoiceRecord | null
      if (!current) return
      const own = current.author.openid === openid
      // Their own wish still open: withdrawn, the held points back (to nobody who can spend them now, but not lost).
      const withdraw = own && current.kind === 'wish' && allows(WISHES, current.status as never, 'withdraw')
      if (withdraw) await releaseIn(tx, current, poster, settings, by, now)
      const history = current.history.map((h) => ({ ...h, by: forget(h.by, openid), ...(h.by.openid === openid ? { note: h.note ? '' : h.note, pinned: [] } : {}) }))
      await tx.collection('voices').doc(current._id).update({
        author: forget(current.author, openid),
        ...(current.taker ? { taker: forget(current.taker, openid) } : {}),
        ...(own ? { text: '', place: '', photos: [], pinned: [] } : {}),
        ...(withdraw ? { status: 'withdrawn', visible: false, closedAt: at, updatedAt: at } : {}),
        history: withdraw ? [...history, { at, by: { openid: by.openid, name: by.name, role: '工作小组' }, step: 'withdraw', note: '居民注销' }] : history,
      })
    })
  }
  await db.collection('voiceSupports').where({ openid }).remove()
  return { posts: posted.length, files }
}
