import { useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { api, newRequestId, type RuleCategory, type RuleItem } from '../../api'
import { Loaded, PageState, pointsLabel, quietUnknown, useApi } from '../../components'
import { Sheet } from '../../components/Sheet'
import '../admin.scss'

interface Draft {
  id?: string
  categoryId: string
  categoryName: string
  name: string
  points: string
  photosRequired: boolean
  cap: string
}

/** "1.5" → 1.5; more than one decimal, zero or nonsense → null. Negative values are deductions (扣分). */
export function parsePoints(text: string): number | null {
  const t = text.trim()
  if (!/^-?\d{1,4}(\.\d)?$/.test(t)) return null
  const n = Number(t)
  return n === 0 ? null : n
}

/**
 * 积分细则管理 (工作小组): every item with its points, 需拍照 and 每月上限 in plain view, including the ones taken out;
 * add, change, 停用 and 恢复 (each after a confirmation). A stopped item stays readable on its old claims.
 */
export default function RulesAdminPage() {
  const { state, reload } = useApi(() => api.rules.list({ includeDisabled: true }, quietUnknown))
  const [draft, setDraft] = useState<Draft | null>(null)
  const [sending, setSending] = useState(false)
  const requestId = useRef(newRequestId('rule'))

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

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
    })
  }

  const save = async () => {
    if (!draft) return
    const points = parsePoints(draft.points)
    const cap = Number(draft.cap.trim() || '0')
    const problem =
      draft.name.trim().length < 2
        ? '名称至少两个字'
        : points === null
          ? '分值写数字，最多一位小数，例如 1 或 0.5'
          : !Number.isInteger(cap) || cap < 0 || cap > 100
            ? '每月上限写 0 到 100 的整数，0 为不限'
            : null
    if (problem) return void Taro.showToast({ title: problem, icon: 'none', duration: 3000 })
    setSending(true)
    try {
      await api.rules.save({
        ...(draft.id ? { id: draft.id } : { requestId: requestId.current }),
        categoryId: draft.categoryId,
        name: draft.name.trim(),
        points: points!,
        photosRequired: draft.photosRequired,
        capPerMonth: cap,
      })
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
          {categories.map((c) => (
            <View key={c.id} data-testid={`rules-category-${c.id}`}>
              <Text className='sz-rules-admin__category'>{c.name}</Text>
              <View className='sz-list'>
                {c.items.map((item) => (
                  <View key={item.id} className={`sz-rules-admin__item ${item.enabled ? '' : 'sz-rules-admin__item--off'}`} data-testid={`rules-item-${item.id}`}>
                    <View className='sz-rules-admin__item-head'>
                      <Text className='sz-rules-admin__item-name'>{item.name}</Text>
                      <Text className='sz-rules-admin__item-points'>{pointsLabel(item.points)}</Text>
                    </View>
                    <Text className='sz-rules-admin__item-line'>
                      {item.enabled ? '' : <Text className='sz-rules-admin__off'>已停用 · </Text>}
                      {item.photosRequired ? '需拍照' : '不需拍照'} · {item.capPerMonth > 0 ? `每月最多 ${item.capPerMonth} 次` : '每月不限次数'}
                    </Text>
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
          <View className='sz-bottom-space' />
          {draft ? (
            <Sheet testId='admin-sheet' title={draft.id ? '修改条目' : `添加条目到「${draft.categoryName}」`} sending={sending} onCancel={() => setDraft(null)} onConfirm={() => void save()}>
              <View className='sz-field'>
                <Text className='sz-field__label'>名称</Text>
                <Input className='sz-input' data-testid='rule-name' value={draft.name} maxlength={40} placeholder='例如：清扫院落及门前卫生' onInput={(e) => setDraft({ ...draft, name: e.detail.value })} />
              </View>
              <View className='sz-field'>
                <Text className='sz-field__label'>分值（最多一位小数）</Text>
                <Input className='sz-input' data-testid='rule-points' type='digit' value={draft.points} maxlength={6} placeholder='例如：1 或 0.5' onInput={(e) => setDraft({ ...draft, points: e.detail.value })} />
              </View>
              <View className='sz-field'>
                <Text className='sz-field__label'>每月上限（0 为不限）</Text>
                <Input className='sz-input' data-testid='rule-cap' type='number' value={draft.cap} maxlength={3} onInput={(e) => setDraft({ ...draft, cap: e.detail.value })} />
              </View>
              <View className='sz-field'>
                <Text className='sz-field__label'>需要拍照吗</Text>
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
              </View>
            </Sheet>
          ) : null}
        </View>
      )}
    </Loaded>
  )
}
