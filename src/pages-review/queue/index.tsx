import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { REASON_TEMPLATES } from '@core/claims'
import { GLOSSARY } from '@core/glossary'
import { formatPoints } from '@core/points'
import { PHOTO_STATE_NOTES, TEXT_SCREENING_NOTES } from '@core/screening'
import type { Me } from '@core/user'
import { api, type Claim, type ReviewDecision } from '../../api'
import { askReviewNotifications } from '../../api/subscribe'
import { EvidencePhotos, ListFooter, Loaded, PageState, formatDate, formatDateTime, pointsLabel, quietUnknown, useApi, usePaged } from '../../components'
import { ReasonSheet } from '../../components/ReasonSheet'
import './index.scss'

const SHEET_TITLES = { return: '退回补充：请写明要补充什么', reject: '驳回：请写明原因' } as const

/**
 * 待我审核 (院长: 初审; 网格员: 审核): the claims waiting for my step, oldest first, each with its photos, what it is worth,
 * who and where, a red warning when a photo was used before, and a 通过 / 退回 / 驳回 bar. A decided card leaves the list.
 */
export default function ReviewQueuePage() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  return (
    <Loaded state={state} reload={reload}>
      {(me) =>
        me.roles.some((r) => r.role === 'head' || r.role === 'grid') ? (
          <Queue me={me} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有院长和网格员审核申报' description='您现在没有审核的职责。' testId='review-not-reviewer' />
          </View>
        )
      }
    </Loaded>
  )
}

function Queue({ me }: { me: Me }) {
  const head = me.roles.some((r) => r.role === 'head')
  const list = usePaged<Claim>([(cursor) => api.claims.queue({ cursor })], null, [me.openid])
  const balance = useApi(() => (head ? api.points.balance({}, quietUnknown) : Promise.resolve(null)), [me.openid])
  // Decided here: gone from the list at once (the server no longer lists them either).
  const [decided, setDecided] = useState<Set<string>>(() => new Set())
  const [sheet, setSheet] = useState<{ claim: Claim; decision: Exclude<ReviewDecision, 'pass'> } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  usePullDownRefresh(() => {
    setDecided(new Set())
    void Promise.all([list.reload(), balance.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  const decide = async (claim: Claim, decision: ReviewDecision, reason?: string) => {
    if (busy) return
    // Straight from the tap (WeChat allows the question only then): may it tell me of the next claim? Never waited for.
    void askReviewNotifications()
    setBusy(claim.id)
    try {
      await api.claims.review({ claimId: claim.id, decision, ...(reason ? { reason } : {}) })
      setSheet(null)
      setDecided((d) => new Set(d).add(claim.id))
      const done = { pass: '已通过', return: '已退回，等居民补充', reject: '已驳回' }[decision]
      void Taro.showToast({ title: `${done}：${claim.residentName}`, icon: 'none', duration: 2500 })
      if (head) void balance.reload()
    } catch {
      // the toast said why; the card stays
    } finally {
      setBusy(null)
    }
  }

  const pass = async (claim: Claim) => {
    const { confirm } = await Taro.showModal({
      title: '通过这条申报？',
      content: `${claim.residentName} · ${claim.ruleName} · ${pointsLabel(claim.points)}`,
      confirmText: '通过',
      cancelText: '再看看',
      confirmColor: '#07c160',
    })
    if (confirm) await decide(claim, 'pass')
  }

  const items = list.items.filter((c) => !decided.has(c.id))
  let body
  if (list.status === 'loading') body = <PageState kind='loading' />
  else if (list.status === 'error') body = <PageState kind='error' description={list.error?.message} onRetry={() => void list.reload()} />
  else if (items.length === 0 && !list.hasMore)
    body = <PageState kind='empty' title='没有等您审核的申报' description='新的申报来了，会显示在这里。' testId='review-empty' />
  else
    body = (
      <>
        <Text className='sz-review__intro'>最早提交的在最上面。点照片可以放大看。</Text>
        {items.map((c) => (
          <ReviewCard key={c.id} claim={c} busy={busy === c.id} onPass={() => void pass(c)} onAsk={(decision) => setSheet({ claim: c, decision })} />
        ))}
        <ListFooter list={list} />
      </>
    )

  return (
    <View className='sz-page sz-review' data-testid='review-queue'>
      {head ? (
        <View className='sz-card sz-review__score' data-testid='review-courtyard-score'>
          <Text className='sz-review__score-label'>院长积分（本月）</Text>
          <Text className='sz-review__score-value'>
            {balance.state.status === 'ready' && balance.state.data ? formatPoints(balance.state.data.courtyardScore ?? 0) : '…'}
          </Text>
        </View>
      ) : null}
      {body}
      <View className='sz-bottom-space' />
      {sheet ? (
        <ReasonSheet
          title={SHEET_TITLES[sheet.decision]}
          subtitle={`${sheet.claim.residentName} · ${sheet.claim.ruleName}`}
          confirmText={sheet.decision === 'reject' ? '确定驳回' : '确定退回'}
          confirmType={sheet.decision === 'reject' ? 'danger' : 'primary'}
          templates={REASON_TEMPLATES[sheet.decision]}
          placeholder='也可以自己写原因'
          sending={busy === sheet.claim.id}
          onCancel={() => setSheet(null)}
          onConfirm={(reason) => void decide(sheet.claim, sheet.decision, reason)}
          testId='reason'
          textTestId='reason-text'
        />
      ) : null}
    </View>
  )
}

interface ReviewCardProps {
  claim: Claim
  busy: boolean
  onPass: () => void
  onAsk: (decision: 'return' | 'reject') => void
}

/**
 * One claim to decide. Its photo links come with claims.get (they expire, so a card with photos asks when it shows);
 * which head passed it (院长先看) comes with the queue itself.
 */
function ReviewCard({ claim, busy, onPass, onAsk }: ReviewCardProps) {
  const asks = claim.photos.length > 0
  const detail = useApi(() => (asks ? api.claims.get({ claimId: claim.id }, { silent: true }) : Promise.resolve(null)), [claim.id])
  const headPass = claim.headPass
  const urls = detail.state.status === 'ready' && detail.state.data ? detail.state.data.photoUrls : []
  const checks = detail.state.status === 'ready' && detail.state.data ? (detail.state.data.photoChecks ?? []) : []
  const step = claim.status === 'submitted' ? '初审' : '审核'

  return (
    <View className='sz-card sz-review-card' data-testid={`review-card-${claim.id}`}>
      <View className='sz-review-card__head'>
        <View className='sz-review-card__head-main'>
          <Text className='sz-review-card__category'>{claim.categoryName} · 待{step}</Text>
          <Text className='sz-review-card__name'>{claim.ruleName}</Text>
        </View>
        <Text className='sz-review-card__points' data-testid='review-card-points'>
          {pointsLabel(claim.points)}
        </Text>
      </View>

      <View className='sz-review-card__who'>
        <Text className='sz-review-card__resident' data-testid='review-card-resident'>
          {claim.residentName}
        </Text>
        {claim.proxy ? <Text className='sz-review-card__proxy'>由 {claim.proxy.name} 代为申报</Text> : null}
      </View>
      {headPass ? (
        <Text className='sz-review-card__head-step' data-testid='review-card-head-step'>
          ✓ {GLOSSARY.headStep}：院长 {headPass.byName} 已先看过，同意
        </Text>
      ) : null}
      <Text className='sz-review-card__fact'>时间：{formatDateTime(claim.occurredAt)}</Text>
      <Text className='sz-review-card__fact'>地点：{claim.place}</Text>
      <Text className='sz-review-card__description'>{claim.description}</Text>
      {claim.screening ? (
        <Text className='sz-review-card__screening' data-testid='review-card-screening'>
          ⚠ {TEXT_SCREENING_NOTES[claim.screening]}
        </Text>
      ) : null}

      {claim.duplicates.length > 0 ? (
        <View className='sz-review-card__duplicate' data-testid='review-card-duplicate'>
          {claim.duplicates.map((d) => (
            <Text key={`${d.photo}-${d.claimId ?? d.at}`} className='sz-review-card__duplicate-line'>
              {/* Whose claim only when the reviewer may see that person (another courtyard's is not named). */}
              ⚠ {claim.photos.length > 1 ? `第 ${claim.photos.indexOf(d.photo) + 1} 张` : ''}
              {d.residentName ? `此照片曾用于 ${d.residentName} 的申报（${formatDate(d.at)}）` : `此照片曾被本社区另一条申报使用过（${formatDate(d.at)}）`}
            </Text>
          ))}
        </View>
      ) : null}

      {claim.photos.length > 0 ? (
        <EvidencePhotos
          urls={claim.photos.map((_, i) => urls[i] ?? '')}
          missing={(i) =>
            detail.state.status === 'loading' ? '加载中' : detail.state.status === 'error' ? '未加载' : checks[i] === 'checking' || checks[i] === 'risky' ? PHOTO_STATE_NOTES[checks[i]] : '已失效'
          }
          noteOf={(i) => (checks[i] === 'unchecked' || checks[i] === 'review' ? PHOTO_STATE_NOTES[checks[i]] : null)}
          testId='review-card-photos'
          imageTestId='review-photo'
        />
      ) : (
        <Text className='sz-review-card__no-photo'>没有照片</Text>
      )}

      <View className='sz-review-card__bar'>
        <View
          className={`sz-review-card__action sz-review-card__action--pass ${busy ? 'sz-review-card__action--busy' : ''}`}
          hoverClass='sz-review-card__action--hover'
          data-testid='review-pass'
          onClick={() => !busy && onPass()}
        >
          {busy ? '正在提交' : '通过'}
        </View>
        <View
          className={`sz-review-card__action sz-review-card__action--return ${busy ? 'sz-review-card__action--busy' : ''}`}
          hoverClass='sz-review-card__action--hover'
          data-testid='review-return'
          onClick={() => !busy && onAsk('return')}
        >
          退回
        </View>
        <View
          className={`sz-review-card__action sz-review-card__action--reject ${busy ? 'sz-review-card__action--busy' : ''}`}
          hoverClass='sz-review-card__action--hover'
          data-testid='review-reject'
          onClick={() => !busy && onAsk('reject')}
        >
          驳回
        </View>
      </View>
    </View>
  )
}
