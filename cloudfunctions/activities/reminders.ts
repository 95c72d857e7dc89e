/**
 * The reminder before an activity (jobs' timer): each sign-up due is reminded once — its outbox message (id derived
 * from the sign-up) and the sign-up marked `sent` in one transaction, then sent. A sign-up cancelled since, or one of an
 * activity finished or already started, is marked `skipped`; so is a resident without WeChat (checked in by proxy).
 */
import { inZone } from '../../src/core/period'
import { type Db, transaction } from '../_shared/cloud'
import { enqueueIn, send } from '../_shared/outbox'
import type { ActivityRecord, SignupRecord } from './records'

/** Sign-ups whose reminder is due by `now`, two hundred at a time (the next tick takes the rest). */
export async function dueReminders(db: Db, now: Date): Promise<SignupRecord[]> {
  return (await db.collection('activitySignups').where({ reminder: 'due', remindAt: db.command.lte(now.toISOString()) }).limit(200).get()).data as SignupRecord[]
}

/** Reminds one sign-up (or marks it skipped); answers whether a message was written. */
export async function remind(db: Db, signup: SignupRecord, now: Date): Promise<boolean> {
  const a = ((await db.collection('activities').doc(signup.activityId).get()).data as ActivityRecord[])[0]
  const messageId = `remind-${signup._id}`
  const written = await transaction(db, async (tx) => {
    const current = ((await tx.collection('activitySignups').doc(signup._id).get()).data ?? null) as SignupRecord | null
    if (!current || current.reminder !== 'due') return false
    const wanted = current.status === 'signed' && !!current.openid && !!a && a.status === 'published' && now.getTime() < new Date(a.startAt).getTime()
    if (wanted) {
      const startAt = inZone(a.startAt).format('M月D日 HH:mm')
      await enqueueIn(
        tx,
        [{ _id: messageId, to: current.openid!, kind: 'activity_reminder', title: a.title, body: `${startAt}在${a.place}开始，别忘了去签到`, fields: { item: a.title, startAt: a.startAt, place: a.place }, page: `pages/activity-detail/index?id=${a._id}` }],
        now,
      )
    }
    await tx.collection('activitySignups').doc(current._id).update({ reminder: wanted ? 'sent' : 'skipped' })
    return wanted
  })
  if (written) await send(db, [messageId])
  return written
}
