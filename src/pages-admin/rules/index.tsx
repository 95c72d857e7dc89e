import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { problemsByField } from '@core/inputs'
import type { RulePurpose } from '@core/rules'
import { saveInput } from '@core/rules.schema'
import { api, newRequestId, type RuleCategory, type RuleItem } from '../../api'
import { Field, Loaded, PageState, TextInput, pointsLabel, quietUnknown, useApi, usePullDownReload } from '../../components'
import { Sheet } from '../../components/Sheet'
import { AddCategory, CategoryHead, CategorySheet } from './CategoryParts'
import { PurposeChoice, purposeNote } from './PurposeChoice'
import { useCatalogueOrder } from './useCatalogueOrder'
import '../admin.scss'

interface Draft {
  id?: string
  categoryId: string
  categoryName: string
  name: string
  points: string
  photosRequired: boolean
  cap: string
  /** The 说事 loop it credits (null: none). */
  purpose: RulePurpose | null
}

/** A typed number, or NaN for anything that is not plainly one (empty, 1分, 1e1): rules.save's schema says what is wrong. */
const number = (text: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN)

const PLAIN_POINTS = '分值写数字，最多一位小数，例如 1 或 0.5'
/** What the sheet says, in the order of the form, when rules.save's schema refuses a field. */
const WORDS = {
  plain: { name: '名称至少两个字', points: PLAIN_POINTS, capPerMonth: '每月上限写 0 到 100 的整数，0 为不限' },
  reword: { 积分最多一位小数: PLAIN_POINTS, '积分必须大于 0': PLAIN_POINTS },
}

/**
 * 积分细则管理 (工作小组): every item with its points, 需拍照 and 每月上限 in plain view, including the ones taken out;
 * add, change, 停用 and 恢复 (each after a confirmation). A stopped item stays readable on its old claims.
 * Categories: 改名, 上移 / 下移, 删除 when empty, 新增类别 at the bottom; items move 上移 / 下移 within their category.
 * An item may be what a 说事 loop credits by (用于：微心愿), chosen in its sheet.
 */
export default function RulesAdminPage() {
  const { state, reload } = useApi(() => api.rules.list({ includeDisabled: true }, quietUnknown))
  const [draft, setDraft] = useState<Draft | null>(null)
  const [sending, setSending] = useState(false)
  const requestId = useRef(newRequestId('rule'))
  const order = useCatalogueOrder(reload)

  usePullDownReload(reload)

  const edit = (category: RuleCategory, item?: RuleItem) => {
    requestId.current = newRequestId('rule')
    setDraft({
      id: item?.id,
      categoryId: category.id,
      categoryName: category.name,
      name: item?.name ?? '',
      points: item ? String(item.points) : '',
      photosRequired: item?.photosRequired ?? true,
      cap: item ? String(item.capPerMonth) : '0',
      purpose: item?.purpose ?? null,
    })
  }

  const save = async () => {
    if (!draft) return
    // Checked with rules.save's own schema before it goes.
    const parsed = saveInput.safeParse({
      ...(draft.id ? { id: draft.id } : { requestId: requestId.current }),
      categoryId: draft.categoryId,
      name: draft.name,
      points: number(draft.points),
      photosRequired: draft.photosRequired,
      capPerMonth: number(draft.cap.trim() || '0'),
      purpose: draft.purpose,
    })
    if (!parsed.success) {
      const problems = problemsByField(parsed.error.issues, WORDS)
      const problem = ['name', 'points', 'capPerMonth'].map((f) => problems[f]).find(Boolean) ?? Object.values(problems)[0]
      return void Taro.showToast({ title: problem, icon: 'none', duration: 3000 })
    }
    setSending(true)
    try {
      await api.rules.save(parsed.data)
      setDraft(null)
      void Taro.showToast({ title: draft.id ? '已修改' : '已添加', icon: 'none' })
      await reload()
    } catch {
      // the toast said why
    } finally {
      setSending(false)
    }
  }

  const toggle = async (item: RuleItem) => {
    const { confirm } = await Taro.showModal({
      title: item.enabled ? '停用这一项？' : '恢复这一项？',
      content: item.enabled ? `「${item.name}」停用后居民不能再申报，已有的申报不受影响。` : `「${item.name}」恢复后居民又可以申报。`,
      confirmText: item.enabled ? '停用' : '恢复',
      cancelText: '取消',
      confirmColor: item.enabled ? '#b42318' : '#07c160',
    })
    if (!confirm) return
    try {
      await api.rules.disable({ ruleId: item.id, ...(item.enabled ? {} : { enabled: true }) })
      void Taro.showToast({ title: item.enabled ? '已停用' : '已恢复', icon: 'none' })
      await reload()
    } catch {
      // the toast said why
    }
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以修改积分细则' testId='rules-forbidden' /> }}
    >
      {({ categories }) => (
        <View className='sz-page sz-rules-admin' data-testid='rules-admin'>
          {categories.length === 0 ? <PageState kind='empty' title='还没有积分细则' /> : null}
          {categories.map((c, ci) => (
            <View key={c.id} className='sz-rules-category' data-testid={`rules-category-${c.id}`}>
              <CategoryHead
                category={c}
                first={ci === 0}
                last={ci === categories.length - 1}
                onRename={() => order.rename(c)}
                onMove={(direction) => void order.moveCategory(c, direction)}
                onRemove={() => void order.remove(c)}
              />
              <View className='sz-list'>
                {c.items.map((item, ii) => (
                  <View key={item.id} className={`sz-rules-admin__item ${item.enabled ? '' : 'sz-rules-admin__item--off'}`} data-testid={`rules-item-${item.id}`}>
                    <View className='sz-rules-admin__item-head'>
                      <Text className='sz-rules-admin__item-name'>{item.name}</Text>
                      <Text className='sz-rules-admin__item-points'>{pointsLabel(item.points)}</Text>
                    </View>
                    <Text className='sz-rules-admin__item-line'>
                      {item.enabled ? '' : <Text className='sz-rules-admin__off'>已停用 · </Text>}
                      {item.photosRequired ? '需拍照' : '不需拍照'} · {item.capPerMonth > 0 ? `每月最多 ${item.capPerMonth} 次` : '每月不限次数'}
                    </Text>
                    {item.purpose ? (
                      <Text className='sz-rules-admin__purpose' data-testid={`rules-purpose-${item.id}`}>
                        {purposeNote(item.purpose)}
                      </Text>
                    ) : null}
                    <View className='sz-org__actions'>
                      <View className='sz-org__action' data-testid={`rules-edit-${item.id}`} onClick={() => edit(c, item)}>
                        修改
                      </View>
                      <View
                        className={`sz-org__action ${item.enabled ? 'sz-org__action--danger' : ''}`}
                        data-testid={`rules-toggle-${item.id}`}
                        onClick={() => void toggle(item)}
                      >
                        {item.enabled ? '停用' : '恢复'}
                      </View>
                      {ii === 0 ? null : (
                        <View className='sz-org__action' data-testid={`rules-up-${item.id}`} onClick={() => void order.moveItem(item, 'up')}>
                          上移
                        </View>
                      )}
                      {ii === c.items.length - 1 ? null : (
                        <View className='sz-org__action' data-testid={`rules-down-${item.id}`} onClick={() => void order.moveItem(item, 'down')}>
                          下移
                        </View>
                      )}
                    </View>
                  </View>
                ))}
                <View className='sz-rules-admin__item'>
                  <View className='sz-org__action' data-testid={`rules-add-${c.id}`} onClick={() => edit(c)}>
                    ＋ 在「{c.name}」里添加条目
                  </View>
                </View>
              </View>
            </View>
          ))}
          <AddCategory onAdd={order.add} />
          <View className='sz-bottom-space' />
          {order.draft ? (
            <CategorySheet draft={order.draft} sending={order.sending} onChange={order.setDraft} onCancel={() => order.setDraft(null)} onConfirm={() => void order.save()} />
          ) : null}
          {draft ? (
            <Sheet testId='admin-sheet' title={draft.id ? '修改条目' : `添加条目到「${draft.categoryName}」`} sending={sending} onCancel={() => setDraft(null)} onConfirm={() => void save()}>
              <Field label='名称'>
                <TextInput testId='rule-name' value={draft.name} maxlength={40} placeholder='例如：清扫院落及门前卫生' onInput={(name) => setDraft({ ...draft, name })} />
              </Field>
              <Field label='分值（最多一位小数）'>
                <TextInput testId='rule-points' type='digit' value={draft.points} maxlength={6} placeholder='例如：1 或 0.5' onInput={(points) => setDraft({ ...draft, points })} />
              </Field>
              <Field label='每月上限（0 为不限）'>
                <TextInput testId='rule-cap' type='number' value={draft.cap} maxlength={3} onInput={(cap) => setDraft({ ...draft, cap })} />
              </Field>
              <Field label='需要拍照吗'>
                <View className='sz-sheet__switch'>
                  {[true, false].map((v) => (
                    <View
                      key={String(v)}
                      className={`sz-sheet__option ${draft.photosRequired === v ? 'sz-sheet__option--on' : ''}`}
                      data-testid={`rule-photos-${v ? 'yes' : 'no'}`}
                      onClick={() => setDraft({ ...draft, photosRequired: v })}
                    >
                      {v ? '需拍照' : '不需拍照'}
                    </View>
                  ))}
                </View>
              </Field>
              <PurposeChoice value={draft.purpose} onChange={(purpose) => setDraft({ ...draft, purpose })} categories={categories} itemId={draft.id} />
            </Sheet>
          ) : null}
        </View>
      )}
    </Loaded>
  )
}
