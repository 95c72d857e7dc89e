import { useEffect, useRef, useState } from 'react'
import { GLOSSARY } from '@core/glossary'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ClaimStatus } from '@core/claims'
import { CLAIM_FORM_WORDS, resubmitInput } from '@core/claims.schema'
import { problemsByField } from '@core/inputs'
import type { Me } from '@core/user'
import { ApiError, api, newRequestId, type Claim, type ClaimDetail, type HistoryStep } from '../../api'
import { Fact, Field, Loaded, PageState, PhotoPicker, StatusChip, SubmitBar, TextArea, Timeline, elderClass, formatDate, formatDateTime, pointsLabel, quietUnknown, useApi, useElder, usePhotos, usedBefore, usePullDownReload } from '../../components'
import { ReadAloud } from '../../components/ReadAloud'
import './index.scss'

/** What a status means for the claimant, in one line. */
function statusLine(claim: Claim, history: HistoryStep[]): string {
  const last = [...history].reverse().find((h) => h.reason)
  switch (claim.status) {
    case 'submitted':
      return GLOSSARY.waitingHead
    case 'pre_approved':
      return history.some((h) => h.step === 'head' && h.decision === 'pass') ? `院长已看过，${GLOSSARY.waitingGrid}` : GLOSSARY.waitingGrid
    case 'approved':
      return `审核通过，${pointsLabel(claim.points)}已记入积分`
    case 'rejected':
      return last?.reason ? `未通过：${last.reason}` : '未通过'
    case 'returned':
      return `需要补充材料${last?.reason ? `：${last.reason}` : ''}`
    case 'withdrawn':
      return '这条申报已撤回，不再审核'
  }
}

const STEP_NAMES: Record<HistoryStep['step'], string> = { submit: '提交申报', head: GLOSSARY.headStep, grid: GLOSSARY.gridStep, resident: '', system: '平台安全检查' }
const DECISION_NAMES: Record<HistoryStep['decision'], string> = {
  submit: '',
  pass: '通过',
  reject: '未通过',
  return: '退回补充',
  resubmit: '补充材料后重新提交',
  withdraw: '撤回申报',
}

function historyTitle(h: HistoryStep): string {
  if (h.decision === 'submit' || h.step === 'submit') return '提交申报'
  if (h.step === 'resident') return DECISION_NAMES[h.decision]
  return `${STEP_NAMES[h.step]} · ${DECISION_NAMES[h.decision]}`
}

const WAITING: Partial<Record<ClaimStatus, string>> = {
  submitted: GLOSSARY.waitingHead,
  pre_approved: GLOSSARY.waitingGrid,
  returned: '等待补充材料',
}

/** 申报详情: everything about one claim, its review timeline, and what the claimant can still do (撤回, 补充材料). */
export default function ClaimDetailPage() {
  const params = useRouter().params
  const claimId = params.id ?? ''
  const justSubmitted = params.new === '1'
  const { state, reload } = useApi(
    () => Promise.all([api.claims.get({ claimId }, quietUnknown), api.user.me({}, quietUnknown)]),
    [claimId],
  )

  usePullDownReload(reload)

  // Once, when a claim just filed is on screen: say where it went.
  const toasted = useRef(false)
  useEffect(() => {
    if (!justSubmitted || toasted.current || state.status !== 'ready') return
    toasted.current = true
    const status = state.data[0].claim.status
    if (status !== 'submitted' && status !== 'pre_approved') return // opened again later: no longer news
    void Taro.showToast({ title: status === 'pre_approved' ? `已提交，${GLOSSARY.waitingGrid}` : `已提交，${GLOSSARY.waitingHead}`, icon: 'none', duration: 3000 })
  }, [justSubmitted, state])

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ NOT_FOUND: <PageState kind='empty' title='没有找到这条申报' description='它可能不是您的申报，或链接有误。' testId='claim-not-found' /> }}
    >
      {([detail, me]) => <Detail detail={detail} me={me} justSubmitted={justSubmitted} reload={reload} />}
    </Loaded>
  )
}

function Detail({ detail, me, justSubmitted, reload }: { detail: ClaimDetail; me: Me; justSubmitted: boolean; reload: () => Promise<void> }) {
  const { claim, photoUrls, history } = detail
  const mine = claim.residentId === me.residentId || claim.proxy?.openid === me.openid
  const [withdrawing, setWithdrawing] = useState(false)
  const canWithdraw = mine && (claim.status === 'submitted' || claim.status === 'pre_approved' || claim.status === 'returned')
  const viewable = photoUrls.filter(Boolean)
  // A returned claim of mine: 补充材料 comes right under the reason (its photo grid replaces the plain one).
  const resubmitting = mine && claim.status === 'returned'
  // 长辈模式: larger, and 读给我听 says where the claim stands.
  const elder = useElder()

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回这条申报？',
      content: '撤回后不再审核，也不会得到积分。以后可以重新申报。',
      confirmText: '撤回',
      cancelText: '不撤回',
      confirmColor: '#b42318',
    })
    if (!confirm) return
    setWithdrawing(true)
    try {
      await api.claims.withdraw({ claimId: claim.id })
      void Taro.showToast({ title: '已撤回', icon: 'none' })
      await reload()
    } catch {
      // the toast said why
    } finally {
      setWithdrawing(false)
    }
  }

  return (
    <View className={`sz-page sz-claim-detail ${elderClass(elder)}`} data-testid='claim-detail'>
      {justSubmitted && (claim.status === 'submitted' || claim.status === 'pre_approved') ? (
        <View className='sz-alert sz-alert--success' data-testid='claim-submitted-banner'>
          <Text className='sz-alert__title'>申报已提交</Text>
          <Text className='sz-alert__line'>{claim.status === 'pre_approved' ? `${GLOSSARY.waitingGrid}。` : `${GLOSSARY.waitingHead}。`}结果会显示在这里。</Text>
        </View>
      ) : null}

      <View className='sz-card sz-claim-detail__head'>
        <View className='sz-claim-detail__head-row'>
          <View className='sz-claim-detail__head-main'>
            <Text className='sz-claim-detail__category'>{claim.categoryName}</Text>
            <Text className='sz-claim-detail__name' data-testid='claim-detail-name'>
              {claim.ruleName}
            </Text>
          </View>
          <Text className={`sz-claim-detail__points sz-claim-detail__points--${claim.status}`} data-testid='claim-detail-points'>
            {pointsLabel(claim.points)}
          </Text>
        </View>
        <View className='sz-claim-detail__status'>
          <StatusChip status={claim.status} large testId='claim-detail-status' />
        </View>
        <Text className={`sz-claim-detail__status-line sz-claim-detail__status-line--${claim.status}`} data-testid='claim-detail-status-line'>
          {statusLine(claim, history)}
        </Text>
        {elder ? <ReadAloud text={`${mine ? '您的申报' : '这条申报'}：${claim.ruleName}，${pointsLabel(claim.points)}。${statusLine(claim, history)}。`} testId='claim-read-aloud' /> : null}
        {claim.proxy ? (
          <Text className='sz-claim-detail__proxy' data-testid='claim-detail-proxy'>
            由 {claim.proxy.name} 代为申报{claim.residentId !== me.residentId ? `（申报人 ${claim.residentName}）` : ''}
          </Text>
        ) : claim.residentId !== me.residentId ? (
          <Text className='sz-claim-detail__proxy'>申报人 {claim.residentName}</Text>
        ) : null}
      </View>

      {claim.duplicates.length > 0 ? (
        <View className='sz-alert sz-alert--warning' data-testid='claim-duplicates'>
          <Text className='sz-alert__title'>有照片以前用过</Text>
          {claim.duplicates.map((d) => (
            <Text key={`${d.photo}-${d.claimId ?? d.at}`} className='sz-alert__line'>
              {/* Whose claim only for who may see that person (the answer leaves the name out otherwise). */}
              第 {claim.photos.indexOf(d.photo) + 1} 张照片，{d.residentName ? `${d.residentName} 在 ${formatDate(d.at)} 的申报里用过。` : `曾被本社区另一条申报使用过（${formatDate(d.at)}）。`}
            </Text>
          ))}
          <Text className='sz-alert__line'>审核人员会看到这条提示。如果传错了照片，可以撤回后重新拍照申报。</Text>
        </View>
      ) : null}

      {resubmitting ? <Resubmit key={claim.updatedAt} detail={detail} me={me} reload={reload} /> : null}

      <View className='sz-card sz-claim-detail__facts'>
        <Fact label='时间' value={formatDateTime(claim.occurredAt)} testId='claim-detail-time' />
        <Fact label='地点' value={claim.place} testId='claim-detail-place' />
        <Fact label='说明' value={claim.description} testId='claim-detail-description' />
        <Fact label='提交于' value={formatDateTime(claim.createdAt)} />
      </View>

      {claim.photos.length > 0 && !resubmitting ? (
        <View className='sz-card'>
          <Text className='sz-claim-detail__section'>照片（{claim.photos.length} 张，点一下放大）</Text>
          <View className='sz-claim-detail__photos' data-testid='claim-detail-photos'>
            {photoUrls.map((url, i) => (
              <View key={`${i}-${url}`} className={`sz-claim-detail__photo ${i % 3 !== 2 ? 'sz-claim-detail__photo--gap' : ''}`}>
                {url ? (
                  <Image
                    className='sz-claim-detail__photo-image'
                    src={url}
                    mode='aspectFill'
                    data-testid={`claim-detail-photo-${i}`}
                    onClick={() => void Taro.previewImage({ urls: viewable, current: url }).catch(() => undefined)}
                  />
                ) : (
                  <Text className='sz-claim-detail__photo-missing'>照片已失效</Text>
                )}
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <View className='sz-card'>
        <Text className='sz-claim-detail__section'>审核进度</Text>
        <ReviewSteps claim={claim} history={history} />
      </View>


      {canWithdraw ? (
        <View className='sz-actions'>
          <Button
            className='sz-button sz-claim-detail__withdraw'
            size='large'
            block
            loading={withdrawing}
            disabled={withdrawing}
            data-testid='claim-withdraw'
            onClick={() => void withdraw()}
          >
            撤回申报
          </Button>
        </View>
      ) : null}
      <View className='sz-bottom-space' />
    </View>
  )
}

/** The review steps, oldest first, and (while it waits) the step it waits for. */
function ReviewSteps({ claim, history }: { claim: Claim; history: HistoryStep[] }) {
  const waiting = WAITING[claim.status]
  return (
    <Timeline
      testId='claim-timeline'
      steps={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        testId: `timeline-${i}`,
        title: historyTitle(h),
        tone: h.decision,
        meta: `${h.byName} · ${formatDateTime(h.at)}`,
        children: h.reason ? <Text className='sz-timeline__reason'>原因：{h.reason}</Text> : null,
      }))}
      {...(waiting ? { waiting: { title: waiting, testId: 'timeline-waiting' } } : {})}
    />
  )
}

/** 补充材料: a returned claim goes back with the photos kept or added (and a clearer description if needed). */
function Resubmit({ detail, me, reload }: { detail: ClaimDetail; me: Me; reload: () => Promise<void> }) {
  const { claim, photoUrls } = detail
  // A photo added here is checked as soon as it is up, as on the claim form (the kept ones were checked at submit).
  const photos = usePhotos(
    me.openid,
    claim.photos.map((fileID, i) => ({ fileID, url: photoUrls[i] ?? '' })),
    { check: (fileID) => api.claims.checkPhoto({ fileID }, { silent: true }) },
  )
  const [description, setDescription] = useState(claim.description)
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const requestId = useRef(newRequestId('resubmit'))

  const send = async () => {
    if (sending || photos.uploading) return
    if (photos.failed > 0) return setFailure(`有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`)
    if (photos.fileIDs.length === 0) return setFailure('请至少放一张照片')
    // The description as claims.resubmit's own schema checks it.
    const described = resubmitInput.shape.description.safeParse(description)
    if (!described.success) return setFailure(Object.values(problemsByField(described.error.issues, CLAIM_FORM_WORDS))[0])
    setSending(true)
    setFailure(null)
    try {
      const { claim: sent } = await api.claims.resubmit({
        claimId: claim.id,
        photos: photos.fileIDs,
        requestId: requestId.current,
        ...(description.trim() !== claim.description ? { description: description.trim() } : {}),
      })
      void Taro.showToast({ title: sent.status === 'pre_approved' ? `已重新提交，${GLOSSARY.waitingGrid}` : `已重新提交，${GLOSSARY.waitingHead}`, icon: 'none', duration: 3000 })
      await reload()
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='sz-claim-detail__resubmit' data-testid='claim-resubmit'>
      <Text className='sz-section-title sz-claim-detail__resubmit-title'>补充材料后重新提交</Text>
      <Field label='照片' hint='按审核人员的要求补拍照片；不合适的旧照片可以点 × 删掉。'>
        <PhotoPicker photos={photos} warningOf={usedBefore} testId='resubmit-photos' />
      </Field>
      <Field label='说明'>
        <TextArea value={description} maxlength={500} onInput={setDescription} />
      </Field>
      <SubmitBar label='补充材料，重新提交' busy={sending} uploading={photos.uploading} error={failure} testId='claim-resubmit-button' onSubmit={() => void send()} />
    </View>
  )
}
