import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { formatPoints } from '@core/points'
import { OBJECTION_STATUS_NAMES } from '@core/governance'
import { api, type Objection, type Output } from '../../api'
import { EvidencePhotos, Fact, Loaded, useSending, PageState, ROUTES, Tabs, formatDateTime, monthLabel, open, quietUnknown, signedPoints, useApi, useReshow, usePullDownReload } from '../../components'
import { Chip } from '../../components/Chip'
import { ReasonSheet } from '../../components/ReasonSheet'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

type Tab = 'open' | 'done'
type Decision = 'uphold' | 'dismiss'

type Item = Output<'governance', 'objections'>['items'][number]

/** What the objection is about: a credit (an approved claim, an award), a deduction (扣分项, a negative 调整), or a red/black listing. */
type About = 'credit' | 'deduction' | 'listing'

/** An objection to a red/black listing itself, or to the entry a listing wrote (its note reads 黑榜：… / 红榜：…): upheld, the listing is revoked. */
const aboutOf = (o: Objection): About => (!!o.listingId || /^(黑榜|红榜)：/.test(o.entry.item) ? 'listing' : o.entry.points < 0 ? 'deduction' : 'credit')

/** The usual notes, by what is objected to and the decision. */
const NOTES: Record<About, Record<Decision, readonly string[]>> = {
  credit: {
    uphold: ['经核实，申报的事项没有发生', '照片与申报的事项不符', '同一件事重复申报'],
    dismiss: ['经核实，申报属实', '有照片和现场证人，情况属实', '异议理由与这条记录无关'],
  },
  deduction: {
    uphold: ['经核实，这件事不是他（她）做的', '照片不能证明扣分的事', '扣分过重，已另行处理'],
    dismiss: ['经核实，扣分属实', '有照片和现场证人，情况属实', '异议理由与这条记录无关'],
  },
  listing: {
    uphold: ['经核实，上榜的理由不属实', '已经改正，撤销上榜', '上榜的人弄错了'],
    dismiss: ['经核实，上榜理由属实', '有照片和现场证人，情况属实', '异议理由与这条记录无关'],
  },
}

/** What upholding does, in words, before the admin confirms. */
function upholdWords(o: Objection): string {
  const points = `${signedPoints(o.entry.points)} 分`
  switch (aboutOf(o)) {
    case 'listing':
      return '成立后，这条红黑榜记录会被撤销：扣的分如数退回（扣了 0 分就没有要退的），暂停兑换和排名立即结束，当事人会收到通知。'
    case 'deduction':
      return `成立后，这条 ${points}的扣分会被冲正：扣的分退回给${o.entry.name}，${monthLabel(o.month)}的积分和排名随之更正。不能撤销。`
    default:
      return `成立后，这条 ${points}的记录会被冲正：积分从${o.entry.name}的账户扣回，${monthLabel(o.month)}的积分和排名随之更正。不能撤销。`
  }
}

/** What an upheld objection did, on the handled card. */
const UPHELD_WORDS: Record<About, (o: Objection) => string> = {
  listing: () => '这条红黑榜记录已撤销。',
  deduction: () => '这条扣分已冲正，扣的分已退回。',
  credit: (o) => `这条 ${formatPoints(o.entry.points)} 分已冲正。`,
}

/**
 * 异议处理 (工作小组): objections to published entries, oldest first. Each shows the entry (masked name, courtyard,
 * item, points), the reason, photos, who objected and when. 异议成立 reverses the entry (the points come back off the
 * resident and the month's scores are corrected); 不成立 leaves it. Either needs a note, which both the objector and
 * the resident concerned receive.
 */
export default function ObjectionsPage() {
  const { state, reload } = useApi(() => api.governance.objections({}, quietUnknown))
  const [tab, setTab] = useState<Tab>('open')
  const [deciding, setDeciding] = useState<{ objection: Item; decision: Decision } | null>(null)
  const { sending, send } = useSending()

  useReshow(() => void reload())
  usePullDownReload(reload)

  const resolve = (objection: Item, decision: Decision, note: string) =>
    send(
      () => api.governance.resolve({ objectionId: objection.id, decision, note }),
      () => (decision === 'uphold' ? '异议成立，积分已冲正' : '已处理：异议不成立'),
      () => {
        setDeciding(null)
        return reload()
      },
    )

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以处理异议' testId='objections-forbidden' /> }}
    >
      {({ items }) => {
        const waiting = items.filter((o) => o.status === 'open')
        // Handled: the latest decision first.
        const done = items.filter((o) => o.status !== 'open').sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''))
        const shown = tab === 'open' ? waiting : done
        return (
          <View className='sz-page' data-testid='objections-page'>
            <Tabs
              tabs={[
                { key: 'open', title: waiting.length ? `待处理 ${waiting.length}` : '待处理' },
                { key: 'done', title: '已处理' },
              ]}
              value={tab}
              onChange={setTab}
              testId='objections-tabs'
            />
            {tab === 'open' && waiting.length > 0 ? (
              <Text className='sz-gov-intro'>请核实后处理。异议成立，这条记录会被冲正（加的分扣回，扣的分退回，红黑榜撤下），当月积分和排名随之更正；不成立，记录保持不变。结果会告诉异议人和当事居民。</Text>
            ) : null}
            {shown.length === 0 ? (
              <PageState
                kind='empty'
                title={tab === 'open' ? '没有待处理的异议' : '还没有处理过异议'}
                description={tab === 'open' ? '居民在公示期内对某条记录提出异议后，会出现在这里。' : undefined}
                testId='objections-empty'
              />
            ) : (
              shown.map((o) => (
                <ObjectionCard key={o.id} objection={o} onDecide={(decision) => setDeciding({ objection: o, decision })} />
              ))
            )}
            <View className='sz-bottom-space' />
            {deciding ? (
              <ResolveSheet
                objection={deciding.objection}
                decision={deciding.decision}
                sending={sending}
                onCancel={() => setDeciding(null)}
                onConfirm={(note) => void resolve(deciding.objection, deciding.decision, note)}
              />
            ) : null}
          </View>
        )
      }}
    </Loaded>
  )
}

function ObjectionCard({ objection: o, onDecide }: { objection: Item; onDecide: (d: Decision) => void }) {
  return (
    <View className='sz-card' data-testid={`objection-${o.id}`} data-status={o.status}>
      <View className='sz-gov-card__head'>
        <Text className='sz-gov-card__title'>
          {o.entry.name} · {o.entry.item}
        </Text>
        <Text className={`sz-gov-card__points ${o.entry.points < 0 ? 'sz-gov-card__points--minus' : ''} ${o.status === 'upheld' ? 'sz-gov-card__points--void' : ''}`}>
          {signedPoints(o.entry.points)} 分
        </Text>
      </View>
      <Fact label='院落' value={o.entry.courtyard} />
      <Fact label={o.listingId ? '上榜月份' : '公示月份'} value={monthLabel(o.month)} />
      <Fact label='异议人' value={o.objector} testId={`objection-objector-${o.id}`} />
      <Fact label='提出时间' value={formatDateTime(o.createdAt)} />
      <Text className='sz-gov-card__line'>异议理由：</Text>
      <Text className='sz-gov-card__quote' data-testid={`objection-reason-${o.id}`}>
        {o.reason}
      </Text>
      {/* The objector's photos: a tap opens them; one the platform's check has not passed (yet) says so. */}
      <EvidencePhotos urls={o.photoUrls} missing='检查中' testId={`objection-photos-${o.id}`} />
      {o.status === 'open' ? (
        <View className='sz-gov-card__actions'>
          <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`objection-board-${o.id}`} onClick={() => open(o.listingId ? ROUTES.adminLists : ROUTES.publicity(o.month))}>
            {o.listingId ? '看红黑榜' : '看公示'}
          </View>
          <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`objection-dismiss-${o.id}`} onClick={() => onDecide('dismiss')}>
            不成立
          </View>
          <View className='sz-gov-card__action sz-gov-card__action--danger' hoverClass='sz-gov-card__action--hover' data-testid={`objection-uphold-${o.id}`} onClick={() => onDecide('uphold')}>
            异议成立
          </View>
        </View>
      ) : (
        <View className='sz-objection__result' data-testid={`objection-result-${o.id}`}>
          <Chip tone={o.status === 'upheld' ? 'red' : 'grey'} status={o.status}>
            {OBJECTION_STATUS_NAMES[o.status]}
          </Chip>
          <Text className='sz-gov-card__line'>
            {o.status === 'upheld' ? UPHELD_WORDS[aboutOf(o)](o) : '记录保持不变。'}
            {o.resolvedAt ? `${formatDateTime(o.resolvedAt)} 处理` : ''}
          </Text>
          {o.note ? <Text className='sz-gov-card__line sz-gov-card__line--strong'>处理意见：{o.note}</Text> : null}
        </View>
      )}
    </View>
  )
}

interface ResolveSheetProps {
  objection: Objection
  decision: Decision
  sending: boolean
  onCancel: () => void
  onConfirm: (note: string) => void
}

/** 异议成立 / 不成立 with a note (at least two characters): what will happen, the usual notes as options, free text. */
function ResolveSheet({ objection: o, decision, sending, onCancel, onConfirm }: ResolveSheetProps) {
  const uphold = decision === 'uphold'
  return (
    <ReasonSheet
      title={uphold ? '异议成立：请写处理意见' : '异议不成立：请写处理意见'}
      subtitle={`${o.entry.name} · ${o.entry.item} · ${signedPoints(o.entry.points)} 分`}
      confirmText={uphold ? '确定成立' : '确定不成立'}
      confirmType={uphold ? 'danger' : 'primary'}
      intro={
        <View className={`sz-alert ${uphold ? 'sz-alert--warning' : 'sz-alert--success'} sz-objection__explain`}>
          <Text className='sz-alert__line'>{uphold ? upholdWords(o) : '不成立，这条记录保持不变。'}</Text>
          <Text className='sz-alert__line'>处理意见会发给异议人和当事居民。</Text>
        </View>
      }
      templates={NOTES[aboutOf(o)][decision]}
      placeholder='也可以自己写处理意见（至少两个字）'
      maxlength={300}
      missingText='请选一条处理意见，或写下处理意见'
      sending={sending}
      onCancel={onCancel}
      onConfirm={onConfirm}
      // resolve-sheet, resolve-cancel, resolve-confirm, resolve-template-<i>
      testId='resolve'
      textTestId='resolve-note'
    />
  )
}
