import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { settingsSchema } from '@core/governance'
import { api, type Settings } from '../../api'
import { Field, Loaded, PageState, SubmitBar, formatDateTime, quietUnknown, useApi } from '../../components'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

type FieldKey = keyof Settings

/** The form as typed: numbers stay text until they are checked. */
interface Draft {
  settlement: Settings['settlement']
  publicityDays: string
  householdWallet: boolean
  suspensionMonths: string
  refundExpiredVouchers: boolean
  awardInspectionsAtClose: boolean
  learningDailyCap: string
  elderModeFrom70: boolean
}

const LIMITS = { publicityDays: { min: 1, max: 30, unit: '天' }, suspensionMonths: { min: 1, max: 24, unit: '个月' }, learningDailyCap: { min: 0, max: 100, unit: '分' } } as const

const PLAIN: Record<FieldKey, string> = {
  settlement: '请选择积分到账方式',
  publicityDays: '公示期写 1 到 30 之间的整数天',
  householdWallet: '请选择是否用家庭积分账户',
  suspensionMonths: '暂停月数写 1 到 24 之间的整数',
  refundExpiredVouchers: '请选择过期兑换券是否退还积分',
  awardInspectionsAtClose: '请选择卫生检查奖励什么时候发放',
  learningDailyCap: '每天学习积分上限写 0 到 100 之间的整数（0 是不限）',
  elderModeFrom70: '请选择 70 岁以上的居民是否默认用大字模式',
}

const FIELDS: FieldKey[] = ['settlement', 'publicityDays', 'householdWallet', 'suspensionMonths', 'refundExpiredVouchers', 'awardInspectionsAtClose', 'learningDailyCap', 'elderModeFrom70']

const toDraft = (s: Settings): Draft => ({ ...s, publicityDays: String(s.publicityDays), suspensionMonths: String(s.suspensionMonths), learningDailyCap: String(s.learningDailyCap) })

/** A typed number, or NaN for anything that is not plainly one (empty, 7天, 1e1). */
const number = (text: string) => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN)

/** The settings as words, the way the summary card shows what is in force. */
function describe(s: Settings): { label: string; value: string; field: FieldKey }[] {
  return [
    { field: 'settlement', label: '积分到账', value: s.settlement === 'instant' ? '即时到账' : '按月公示后到账' },
    { field: 'publicityDays', label: '公示期', value: `${s.publicityDays} 天` },
    { field: 'householdWallet', label: '家庭积分账户', value: s.householdWallet ? '开启（全家共用）' : '关闭（各人各记）' },
    { field: 'suspensionMonths', label: '黑榜暂停', value: `${s.suspensionMonths} 个月` },
    { field: 'refundExpiredVouchers', label: '过期兑换券', value: s.refundExpiredVouchers ? '退还积分' : '不退还' },
    { field: 'awardInspectionsAtClose', label: '卫生检查奖励', value: s.awardInspectionsAtClose ? '结月时自动发放' : '工作小组手动发放' },
    { field: 'learningDailyCap', label: '每天学习积分', value: s.learningDailyCap > 0 ? `最多 ${s.learningDailyCap} 分` : '不限' },
    { field: 'elderModeFrom70', label: '70 岁以上大字模式', value: s.elderModeFrom70 ? '默认打开' : '自己选择' },
  ]
}

/**
 * 社区设置 (工作小组): how approved points reach residents (at once, or after the month's publicity), the publicity
 * days, the household wallet, the months a black-list entry suspends, and whether expired vouchers give their points
 * back, when the inspection awards are paid, the most learning points a resident is paid in a day, and whether 70-and-over residents get 长辈模式 by default. Each in plain words; checked with the same schema as the server; only what changed is sent.
 */
export default function SettingsPage() {
  const { state, reload } = useApi(async () => {
    const [me, { settings }] = await Promise.all([api.user.me({}, quietUnknown), api.org.settings({}, quietUnknown)])
    return { admin: me.roles.some((r) => r.role === 'admin'), settings }
  })
  return (
    <Loaded state={state} reload={reload}>
      {({ admin, settings }) =>
        admin ? (
          <SettingsForm initial={settings} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有社区工作小组可以修改社区设置' testId='settings-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState<Settings>(initial)
  const [draft, setDraft] = useState<Draft>(toDraft(initial))
  const [problems, setProblems] = useState<Partial<Record<FieldKey, string>>>({})
  const [sending, setSending] = useState(false)
  const [savedAt, setSavedAt] = useState<string | null>(null)

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setProblems((p) => ({ ...p, [field]: undefined }))
    setSavedAt(null)
  }

  const candidate = { ...draft, publicityDays: number(draft.publicityDays), suspensionMonths: number(draft.suspensionMonths), learningDailyCap: number(draft.learningDailyCap) }
  const changed = FIELDS.filter((f) => candidate[f] !== saved[f])

  const save = async () => {
    const parsed = settingsSchema.safeParse(candidate)
    if (!parsed.success) {
      const found: Partial<Record<FieldKey, string>> = {}
      for (const issue of parsed.error.issues) {
        const f = issue.path[0] as FieldKey
        if (f in PLAIN && !found[f]) found[f] = PLAIN[f]
      }
      setProblems(found)
      return
    }
    if (changed.length === 0) return void Taro.showToast({ title: '没有修改', icon: 'none' })
    const update = Object.fromEntries(changed.map((f) => [f, parsed.data[f]])) as Partial<Settings>
    setSending(true)
    try {
      const { settings } = await api.org.updateSettings(update)
      setSaved(settings)
      setDraft(toDraft(settings))
      setSavedAt(new Date().toISOString())
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch {
      // the toast said why
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='sz-page sz-settings' data-testid='settings-page'>
      <View className='sz-card' data-testid='settings-saved'>
        <Text className='sz-settings__saved-title'>现在生效的设置</Text>
        {describe(saved).map((d) => (
          <View key={d.field} className='sz-settings__saved-row'>
            <Text className='sz-settings__saved-label'>{d.label}</Text>
            <Text className='sz-settings__saved-value' data-testid={`settings-saved-${d.field}`}>
              {d.value}
            </Text>
          </View>
        ))}
      </View>
      {savedAt ? (
        <View className='sz-alert sz-alert--success' data-testid='settings-done'>
          <Text className='sz-alert__title'>已保存</Text>
          <Text className='sz-alert__line'>{formatDateTime(savedAt)} 起按新设置办理。已经待生效的积分仍按原来的月份到账。</Text>
        </View>
      ) : null}

      <Text className='sz-section-title'>修改设置</Text>

      <Field keepHint label='积分到账方式' error={problems.settlement} testId='settings-field-settlement'>
        <Choice
          on={draft.settlement === 'instant'}
          title='即时到账'
          lines={['审核通过后，积分马上可以用来兑换。']}
          testId='settings-settlement-instant'
          onTap={() => set('settlement', 'instant')}
        />
        <Choice
          on={draft.settlement === 'monthly'}
          title='按月公示后到账'
          lines={['审核通过的积分先记为“待生效”；这个月结月、公示期满、没有成立的异议后，才可以兑换。', '适合先公示、后兑现的社区。']}
          testId='settings-settlement-monthly'
          onTap={() => set('settlement', 'monthly')}
        />
      </Field>

      <Field keepHint label='公示期天数' error={problems.publicityDays} testId='settings-field-publicityDays' hint='每月结月后，公示栏挂几天。公示期内居民可以对记录提出异议。一般 7 天。'>
        <NumberStepper field='publicityDays' value={draft.publicityDays} onChange={(v) => set('publicityDays', v)} />
      </Field>

      <Field keepHint label='家庭积分账户' error={problems.householdWallet} testId='settings-field-householdWallet' hint='开启时，每人已有的积分并入全家账户；关闭时，全家账户的积分平分给每位家庭成员。排名不受影响。'>
        <Choice
          on={!draft.householdWallet}
          title='关闭：各人各记'
          lines={['每位居民有自己的积分，自己兑换；家庭积分只是全家的合计，用来排名。']}
          testId='settings-wallet-off'
          onTap={() => set('householdWallet', false)}
        />
        <Choice
          on={draft.householdWallet}
          title='开启：全家共用'
          lines={['一家人挣的积分记在同一个家庭账户里，谁都可以用来兑换。']}
          testId='settings-wallet-on'
          onTap={() => set('householdWallet', true)}
        />
      </Field>

      <Field keepHint label='黑榜暂停月数' error={problems.suspensionMonths} testId='settings-field-suspensionMonths' hint='上黑榜的居民（或全户）在这几个月里不能兑换、不参加排名，到期自动恢复。一般 3 个月。'>
        <NumberStepper field='suspensionMonths' value={draft.suspensionMonths} onChange={(v) => set('suspensionMonths', v)} />
      </Field>

      <Field keepHint label='过期兑换券' error={problems.refundExpiredVouchers} testId='settings-field-refundExpiredVouchers' hint='兑换券过了兑换期还没有用的时候，怎么办。'>
        <Choice
          on={draft.refundExpiredVouchers}
          title='退还积分'
          lines={['积分退回居民账户，商品放回库存。']}
          testId='settings-refund-on'
          onTap={() => set('refundExpiredVouchers', true)}
        />
        <Choice
          on={!draft.refundExpiredVouchers}
          title='不退还'
          lines={['券作废，积分不退。']}
          testId='settings-refund-off'
          onTap={() => set('refundExpiredVouchers', false)}
        />
      </Field>

      <Field
        keepHint
        label='卫生检查奖励'
        error={problems.awardInspectionsAtClose}
        testId='settings-field-awardInspectionsAtClose'
        hint='每月卫生大检查前三名院落的每户各得 3、2、1 分。这笔奖励什么时候发。'
      >
        <Choice
          on={draft.awardInspectionsAtClose}
          title='结月时自动发放'
          lines={['上个月结月时（每月 1 日凌晨，或工作小组结月时）自动发给前三名院落，只发一次。']}
          testId='settings-award-on'
          onTap={() => set('awardInspectionsAtClose', true)}
        />
        <Choice
          on={!draft.awardInspectionsAtClose}
          title='工作小组手动发放'
          lines={['结月时不发；在“卫生检查评奖”里核对排名后，点“发放奖励”。']}
          testId='settings-award-off'
          onTap={() => set('awardInspectionsAtClose', false)}
        />
      </Field>

      <Field keepHint label='每天学习积分上限' error={problems.learningDailyCap} testId='settings-field-learningDailyCap' hint='居民学完一课、答题通过得积分。一个人一天最多得几分；超过的照样记为学过，不再加分。写 0 是不限。一般 5 分。'>
        <NumberStepper field='learningDailyCap' value={draft.learningDailyCap} onChange={(v) => set('learningDailyCap', v)} />
      </Field>

      <Field
        keepHint
        label='70 岁以上的居民用大字模式'
        error={problems.elderModeFrom70}
        testId='settings-field-elderModeFrom70'
        hint='大字模式（长辈模式）：字更大、按钮更大，积分和申报结果可以读出来。登记了出生年份、今年满 70 岁的居民。'
      >
        <Choice
          on={draft.elderModeFrom70}
          title='默认打开'
          lines={['满 70 岁的居民一打开就是大字模式；不想用的，可以在“我的”里关掉。']}
          testId='settings-elder-on'
          onTap={() => set('elderModeFrom70', true)}
        />
        <Choice
          on={!draft.elderModeFrom70}
          title='由居民自己选择'
          lines={['谁想用，在“我的”里打开“大字模式”。']}
          testId='settings-elder-off'
          onTap={() => set('elderModeFrom70', false)}
        />
      </Field>

      <SubmitBar label='保存设置' size='large' busy={sending} testId='settings-save' onSubmit={() => void save()}>
        {changed.length > 0 ? (
          <Text className='sz-settings__pending' data-testid='settings-unsaved'>
            有 {changed.length} 项修改还没有保存
          </Text>
        ) : null}
      </SubmitBar>
      <View className='sz-bottom-space' />
    </View>
  )
}

/** One of two ways, as a large bordered option with its consequence written under it. */
function Choice({ on, title, lines, testId, onTap }: { on: boolean; title: string; lines: string[]; testId: string; onTap: () => void }) {
  return (
    <View className={`sz-settings__option ${on ? 'sz-settings__option--on' : ''}`} data-testid={testId} data-on={on ? 'true' : 'false'} onClick={onTap}>
      <View className='sz-settings__option-head'>
        <Text className={`sz-settings__radio ${on ? 'sz-settings__radio--on' : ''}`}>{on ? '✓' : ''}</Text>
        <Text className='sz-settings__option-title'>{title}</Text>
      </View>
      {lines.map((l) => (
        <Text key={l} className='sz-settings__option-line'>
          {l}
        </Text>
      ))}
    </View>
  )
}

/** − [ 7 ] 天 +: a whole number within its limits, typed or stepped. */
function NumberStepper({ field, value, onChange }: { field: keyof typeof LIMITS; value: string; onChange: (v: string) => void }) {
  const { min, max, unit } = LIMITS[field]
  const n = number(value)
  const step = (by: number) => onChange(String(Math.min(max, Math.max(min, (Number.isFinite(n) ? Math.round(n) : min) + by))))
  return (
    <View className='sz-settings__stepper'>
      <View className='sz-settings__step' hoverClass='sz-settings__step--hover' data-testid={`settings-${field}-minus`} onClick={() => step(-1)}>
        −
      </View>
      <Input className='sz-input sz-settings__number' type='number' data-testid={`settings-${field}`} value={value} maxlength={String(max).length} onInput={(e) => onChange(e.detail.value)} />
      <Text className='sz-settings__unit'>{unit}</Text>
      <View className='sz-settings__step' hoverClass='sz-settings__step--hover' data-testid={`settings-${field}-plus`} onClick={() => step(1)}>
        ＋
      </View>
      <Text className='sz-settings__range'>
        {min}—{max}
      </Text>
    </View>
  )
}
