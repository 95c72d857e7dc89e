import { useMemo, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { MAX_PHOTOS } from '@core/claim-input'
import { INSPECTION_CHECKLIST } from '@core/governance'
import { inspectInput } from '@core/governance.schema'
import type { Me } from '@core/user'
import { ApiError, api, type TreeNode } from '../../api'
import { Field, Loaded, PageState, PhotoPicker, SubmitBar, TextArea, monthKeyOf, monthLabel, quietUnknown, useApi, usePhotos } from '../../components'
import { MonthPicker } from '../../components/PickerRow'
import { InspectionRanking, type InspectionRows } from '../RankRow'
import { courtyardsOf, isGridWorker } from '../shared'
import '../governance.scss'
import './index.scss'

const FULL = INSPECTION_CHECKLIST.reduce((n, i) => n + i.max, 0)

/** 卫生检查 (网格员): a month, a courtyard of my grid, a score for each checklist item (the total is their sum), notes, photos. */
export default function InspectPage() {
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), api.org.tree({}, quietUnknown)]))
  const forbidden = <PageState kind='empty' title='只有网格员做卫生检查' description='检查结果会在积分公示栏里公布。' testId='inspect-forbidden' />
  return (
    <Loaded state={state} reload={reload} refusals={{ 'AUTH.FORBIDDEN': forbidden }}>
      {([me, { root }]) => (isGridWorker(me) ? <Inspect me={me} root={root} /> : <View className='sz-page'>{forbidden}</View>)}
    </Loaded>
  )
}

function Inspect({ me, root }: { me: Me; root: TreeNode }) {
  const courtyards = useMemo(() => courtyardsOf(root), [root])
  const [month, setMonth] = useState(() => monthKeyOf())
  const [courtyardId, setCourtyardId] = useState<string | null>(courtyards.length === 1 ? courtyards[0].id : null)
  // What was just recorded: said plainly, instead of a sheet that looks unsent.
  const [saved, setSaved] = useState<{ courtyardId: string; month: string; score: number } | null>(null)
  const ranking = useApi<InspectionRows>(() => api.governance.inspections({ month }, { silent: true }), [month])

  usePullDownRefresh(() => {
    void ranking.reload().finally(() => Taro.stopPullDownRefresh())
  })

  const courtyard = courtyards.find((c) => c.id === courtyardId) ?? null
  const existing = ranking.state.status === 'ready' ? (ranking.state.data.items.find((i) => i.courtyardId === courtyardId) ?? null) : null

  return (
    <View className='sz-page sz-inspect' data-testid='inspect-page'>
      <View className='sz-field'>
        <Text className='sz-field__label'>检查哪个月</Text>
        <MonthPicker month={month} onChange={setMonth} testId='inspect-month' />
      </View>
      <View className='sz-field' data-testid='inspect-field-courtyard'>
        <Text className='sz-field__label'>检查哪个院落</Text>
        {courtyards.length === 0 ? (
          <Text className='sz-field__hint'>您负责的网格里还没有院落。</Text>
        ) : (
          <View className='sz-gov__choices'>
            {courtyards.map((c) => {
              const done = ranking.state.status === 'ready' && ranking.state.data.items.some((i) => i.courtyardId === c.id)
              return (
                <View
                  key={c.id}
                  className={`sz-gov__choice ${c.id === courtyardId ? 'sz-gov__choice--on' : ''}`}
                  data-testid={`inspect-courtyard-${c.id}`}
                  onClick={() => {
                    setCourtyardId(c.id)
                    setSaved(null)
                  }}
                >
                  {c.name}
                  {done ? '（已检查）' : ''}
                </View>
              )
            })}
          </View>
        )}
      </View>

      {courtyard && saved && saved.courtyardId === courtyard.id && saved.month === month ? (
        <View className='sz-alert sz-alert--success' data-testid='inspect-saved'>
          <Text className='sz-alert__title'>
            已记录：{courtyard.name} {saved.score} 分
          </Text>
          <Text className='sz-alert__line'>{monthLabel(month)}的检查结果已经进入排名，下面可以看到。</Text>
          <View className='sz-gov__links sz-inspect__after'>
            <View className='sz-gov__link' hoverClass='sz-gov__link--hover' data-testid='inspect-next' onClick={() => setCourtyardId(null)}>
              检查下一个院落
            </View>
            <View className='sz-gov__link sz-gov__link--next' hoverClass='sz-gov__link--hover' data-testid='inspect-edit' onClick={() => setSaved(null)}>
              修改分数
            </View>
          </View>
        </View>
      ) : courtyard && ranking.state.status !== 'loading' ? (
        <ScoreSheet
          key={`${courtyard.id}|${month}|${existing?.at ?? ''}`}
          me={me}
          courtyard={courtyard}
          month={month}
          existing={existing}
          onDone={(score) => {
            setSaved({ courtyardId: courtyard.id, month, score })
            void ranking.reload()
          }}
        />
      ) : courtyard ? (
        <Text className='sz-gov__quiet'>正在加载…</Text>
      ) : (
        <Text className='sz-gov__intro'>先选一个院落，再逐项打分。</Text>
      )}

      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>{monthLabel(month)}检查排名</Text>
      </View>
      <InspectionRanking state={ranking.state} reload={ranking.reload} month={month} />
      <View className='sz-bottom-space' />
    </View>
  )
}

interface ScoreSheetProps {
  me: Me
  courtyard: TreeNode
  month: string
  existing: InspectionRows['items'][number] | null
  onDone: (score: number) => void
}

/** The checklist of one courtyard and month: each item's score (0 to its maximum), the total, notes, photos. */
function ScoreSheet({ me, courtyard, month, existing, onDone }: ScoreSheetProps) {
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(INSPECTION_CHECKLIST.map((i) => [i.name, existing ? String(existing.items.find((x) => x.name === i.name)?.score ?? '') : ''])),
  )
  const [notes, setNotes] = useState(existing?.notes ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const photos = usePhotos(me.openid)

  const values = INSPECTION_CHECKLIST.map((i) => {
    const raw = scores[i.name].trim()
    const n = Number(raw)
    const valid = raw !== '' && Number.isInteger(n) && n >= 0 && n <= i.max
    return { ...i, raw, n, valid }
  })
  const total = values.reduce((sum, v) => sum + (v.valid ? v.n : 0), 0)
  const bad = values.filter((v) => v.raw !== '' && !v.valid)
  const blank = values.filter((v) => v.raw === '')

  const submit = async () => {
    if (sending || photos.uploading) return
    setFailure(null)
    if (bad.length) return setProblem(`${bad[0].name}：请填 0 到 ${bad[0].max} 之间的整数`)
    if (blank.length) return setProblem(`还有 ${blank.length} 项没有打分：${blank.map((b) => b.name).join('、')}`)
    if (photos.failed) return setProblem(`有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`)
    // The rest as governance.inspect's own schema checks it (the notes, say).
    const parsed = inspectInput.safeParse({
      courtyardId: courtyard.id,
      month,
      score: total,
      items: values.map((v) => ({ name: v.name, score: v.n })),
      ...(notes.trim() ? { notes } : {}),
      ...(photos.fileIDs.length ? { photos: photos.fileIDs } : {}),
    })
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? '填写的内容有误，请检查后再试')
    setProblem(null)
    setSending(true)
    try {
      await api.governance.inspect(parsed.data)
      onDone(total)
    } catch (e) {
      setSending(false)
      setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    }
  }

  return (
    <View data-testid='inspect-sheet'>
      {existing ? (
        <View className={`sz-alert ${existing.awarded ? 'sz-alert--error' : 'sz-alert--warning'}`} data-testid='inspect-existing'>
          <Text className='sz-alert__line'>
            {existing.awarded
              ? `${courtyard.name}${monthLabel(month)}的检查已经评奖（${existing.score} 分），不能再改。`
              : `${courtyard.name}${monthLabel(month)}已经检查过（${existing.score} 分）。再提交会替换上次的分数。`}
          </Text>
        </View>
      ) : null}
      <Field label='逐项打分' error={problem} invalid={!!problem && !!(bad.length || blank.length)} hint='总分是各项之和，不用自己算。' testId='inspect-field-scores'>
        {values.map((v, i) => (
          <View key={v.name} className={`sz-inspect__item ${i > 0 ? 'sz-inspect__item--divided' : ''}`}>
            <View className='sz-inspect__item-main'>
              <Text className='sz-inspect__item-name'>{v.name}</Text>
              <Text className='sz-inspect__item-max'>满分 {v.max}</Text>
            </View>
            <Input
              className={`sz-input sz-inspect__score ${v.raw !== '' && !v.valid ? 'sz-inspect__score--bad' : ''}`}
              type='number'
              maxlength={3}
              data-testid={`inspect-score-${i}`}
              value={scores[v.name]}
              placeholder='分数'
              onInput={(e) => {
                const value = e.detail.value
                setScores((s) => ({ ...s, [v.name]: value }))
                setProblem(null)
              }}
            />
            <View
              className='sz-inspect__full'
              hoverClass='sz-inspect__full--hover'
              data-testid={`inspect-full-${i}`}
              onClick={() => {
                setScores((s) => ({ ...s, [v.name]: String(v.max) }))
                setProblem(null)
              }}
            >
              满分
            </View>
          </View>
        ))}
        <View className='sz-inspect__total' data-testid='inspect-total'>
          <Text className='sz-inspect__total-label'>总分</Text>
          <Text className='sz-inspect__total-value'>{total}</Text>
          <Text className='sz-inspect__total-label'>/ {FULL} 分</Text>
        </View>
      </Field>

      <Field label='检查情况' optional='可以不写'>
        <TextArea testId='inspect-notes' value={notes} maxlength={300} placeholder='例如：西墙根有杂物堆放，已提醒清理' onInput={setNotes} />
      </Field>

      <Field label='照片' optional='可以不拍' hint={`最多 ${MAX_PHOTOS} 张。`}>
        <PhotoPicker photos={photos} />
      </Field>

      <SubmitBar tall label={`提交检查结果（${total} 分）`} busy={sending} busyLabel='正在提交' uploading={photos.uploading} disabled={!!existing?.awarded} onSubmit={() => void submit()} testId='inspect-submit'
        error={failure} errorTitle='还没有提交' errorTestId='inspect-error' />
    </View>
  )
}
