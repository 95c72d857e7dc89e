import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints } from '@core/points'
import type { Me } from '@core/user'
import type { Voice, VoiceReply, VoiceStep } from '@core/voices'
import { api, type Answer } from '../../api'
import { EvidencePhotos, Fact, Loaded, PageState, ROUTES, Timeline, formatDateTime, open, quietUnknown, useApi, useSending, usePullDownReload } from '../../components'
import { Chip } from '../../components/Chip'
import { OverdueChip, VoiceStatusChip } from '../../components/VoiceCard'
import { ActSheet } from './ActSheet'
import { type Act, creditText, wordsOf } from './actions'
import './index.scss'

type Detail = Answer<'voices', 'get'>

/** Who posted it, by kind. */
const AUTHOR_LABEL = { suggestion: '说事人', wish: '许愿人', hazard: '报告人' } as const

/**
 * One 说事 post (`?id=`, where its notifications land): the title, status, words and photos (full screen on a tap),
 * where and who; the staff's replies; the timeline, each step with who, when, the note and its photos; and the buttons
 * `post.may` allows — 附议, 认领, 完成, 确认, 撤回, and for staff 回复 and the decisions of the kind, each in a sheet.
 */
export default function VoiceDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const { state, reload } = useApi(() => Promise.all([api.voices.get({ postId: id }, quietUnknown), api.user.me({}, quietUnknown)]), [id])
  usePullDownReload(reload)
  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{
        NOT_FOUND: <PageState kind='empty' title='没有找到这条说事' description='它可能还在审核，或者您看不到它。回到“说事”看看别的吧。' testId='voice-not-found' />,
      }}
    >
      {([detail, me]) => <VoiceView detail={detail} me={me} reload={reload} />}
    </Loaded>
  )
}

function VoiceView({ detail: d, me, reload }: { detail: Detail; me: Me; reload: () => Promise<void> }) {
  const v = d.post
  const [act, setAct] = useState<Act | null>(null)
  const sending = useSending()
  const credit = creditText(v)

  const support = () =>
    void sending.send(
      () => api.voices.support({ postId: v.id }),
      ({ supports }) => `已附议，现在 ${supports} 人附议`,
      () => reload(),
    )

  // The buttons the function allows, in the order a person meets them: their own step first, staff's after.
  const acts: Act[] = [
    ...(v.may.take ? [{ kind: 'take' } as const] : []),
    ...(v.may.fulfil ? [{ kind: 'fulfil' } as const] : []),
    ...(v.may.confirm ? [{ kind: 'confirm' } as const] : []),
    ...v.may.decide.map((decision) => ({ kind: 'decide', decision }) as const),
    ...(v.may.reply ? [{ kind: 'reply' } as const] : []),
    ...(v.may.withdraw ? [{ kind: 'withdraw' } as const] : []),
  ]
  const actId = (a: Act) => (a.kind === 'decide' ? `voice-decide-${a.decision}` : `voice-${a.kind}`)
  // The first is the one this person came for (filled green); a refusal is never filled.
  const primary = acts.find((a) => !wordsOf(a, v).danger && a.kind !== 'reply' && a.kind !== 'withdraw')

  return (
    <View className='sz-page sz-voice' data-testid='voice-detail' data-status={v.status}>
      <View className='sz-card'>
        <View className='sz-voice__chips'>
          <VoiceStatusChip voice={v} large />
          <Chip tone='grey' large>
            {v.kindName}
          </Chip>
          {v.overdue ? <OverdueChip large /> : null}
        </View>
        <Text className='sz-voice__title' data-testid='voice-title'>
          {v.title}
        </Text>
        <Text className='sz-voice__text' data-testid='voice-text'>
          {v.text}
        </Text>
        <EvidencePhotos urls={d.photoUrls} testId='voice-photos' />
      </View>

      <View className='sz-card'>
        {v.place ? <Fact label='地点' value={v.place} testId='voice-place' /> : null}
        <Fact label={AUTHOR_LABEL[v.kind]} value={`${v.author}（${v.courtyard}）`} testId='voice-author' />
        {v.proxy ? <Fact label='代提交' value={`由 ${v.proxy} 代提交`} testId='voice-proxy' /> : null}
        <Fact label='时间' value={formatDateTime(v.createdAt)} />
        {v.kind === 'suggestion' ? <Fact label='附议' value={`${v.supports} 人${v.supported ? '（含您）' : ''}`} testId='voice-supports' /> : null}
        {v.kind === 'wish' && v.offerPoints > 0 ? <Fact label='心愿定制' value={`${formatPoints(v.offerPoints)} 分（许愿人拿出，心愿完成并确认后给认领的人）`} testId='voice-offer' /> : null}
        {v.taker ? <Fact label='认领人' value={v.takenByMe ? `${v.taker}（您）` : v.taker} testId='voice-taker' /> : null}
        {v.rating ? <Fact label='评分' value={`${'★'.repeat(v.rating)}${'☆'.repeat(5 - v.rating)}（${v.rating} 颗星）`} testId='voice-rating' /> : null}
      </View>

      {credit ? (
        <View className='sz-alert sz-alert--success' data-testid='voice-credited'>
          <Text className='sz-alert__title'>{credit}</Text>
          <Text className='sz-alert__line'>按社区积分细则加的，每件事只加一次。</Text>
        </View>
      ) : null}

      {v.may.support || (v.kind === 'suggestion' && v.supported) || acts.length > 0 ? (
        <View className='sz-actions sz-voice__actions'>
          {v.may.support ? (
            <Button className='sz-button' type='primary' size='xlarge' block disabled={sending.sending} data-testid='voice-support' onClick={support}>
              附议（已有 {v.supports} 人）
            </Button>
          ) : v.kind === 'suggestion' && v.supported ? (
            <Text className='sz-voice__supported' data-testid='voice-supported'>
              您已附议，谢谢支持
            </Text>
          ) : null}
          {acts.map((a) => {
            const words = wordsOf(a, v)
            return (
              <Button
                key={actId(a)}
                className={`sz-button sz-voice__act ${words.danger ? 'sz-voice__act--danger' : ''}`}
                type={a === primary ? 'primary' : 'default'}
                size='xlarge'
                block
                disabled={sending.sending}
                data-testid={actId(a)}
                onClick={() => setAct(a)}
              >
                {words.button}
              </Button>
            )
          })}
        </View>
      ) : null}

      {d.replies.length > 0 ? <Replies replies={d.replies} /> : null}

      <Text className='sz-section-title'>办理经过</Text>
      <Steps post={v} steps={d.timeline} />

      <View className='sz-voice__links'>
        <View className='sz-voice__link' hoverClass='sz-voice__link--hover' data-testid='voice-all' onClick={() => open(ROUTES.voices(v.kind))}>
          全部{v.kindName} ›
        </View>
      </View>
      <View className='sz-bottom-space' />

      {act ? (
        <ActSheet
          act={act}
          post={v}
          openid={me.openid}
          sending={sending}
          onCancel={() => setAct(null)}
          onDone={() => {
            setAct(null)
            return reload()
          }}
        />
      ) : null}
    </View>
  )
}

/** 社区回复: what staff answered, in public, with their photos. */
function Replies({ replies }: { replies: VoiceReply[] }) {
  return (
    <>
      <Text className='sz-section-title'>社区回复</Text>
      <View className='sz-card sz-voice__replies' data-testid='voice-replies'>
        {replies.map((r, i) => (
          <View key={r.id} className={`sz-voice__reply ${i > 0 ? 'sz-voice__reply--divided' : ''}`} data-testid={`voice-reply-${i}`}>
            <Text className='sz-voice__reply-by'>
              {r.by} · {formatDateTime(r.at)}
            </Text>
            <Text className='sz-voice__reply-text'>{r.text}</Text>
            <EvidencePhotos urls={r.photoUrls} testId={`voice-reply-photos-${i}`} />
          </View>
        ))}
      </View>
    </>
  )
}

/** Every step, oldest first: what was done, by whom, when, the note and the photos; then what it waits for now. */
function Steps({ post, steps }: { post: Voice; steps: VoiceStep[] }) {
  return (
    <Timeline
      className='sz-card'
      testId='voice-timeline'
      steps={steps.map((s, i) => ({
        key: `${s.at}-${i}`,
        testId: `voice-step-${i}`,
        title: s.step,
        meta: `${s.by} · ${formatDateTime(s.at)}`,
        children: (
          <>
            {s.note ? <Text className='sz-timeline__note'>{s.note}</Text> : null}
            {s.photoUrls?.length ? <EvidencePhotos urls={s.photoUrls} testId={`voice-step-photos-${i}`} /> : null}
          </>
        ),
      }))}
      {...(post.closed ? {} : { waiting: { title: `现在：${post.statusName}`, testId: 'voice-step-now' } })}
    />
  )
}
