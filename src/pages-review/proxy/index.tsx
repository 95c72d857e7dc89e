import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { addResidentInput } from '@core/org.schema'
import { ApiError, api, newRequestId, type RuleItem } from '../../api'
import { Field, Loaded, PageState, ROUTES, RuleCatalogue, TextInput, open, quietUnknown, useApi, visibleCategories } from '../../components'
import { ChosenResident, ResidentList } from '../../components/ResidentPicker'
import { Sheet } from '../../components/Sheet'
import { ByCard } from '../ByCard'
import { householdsOf, residentsOf, type ResidentChoice } from '../treeWalk'
import './index.scss'

/**
 * 代申报 (院长, 网格员): choose a resident of my courtyard / grid — those without a phone first — then the item; the claim
 * form is the residents' own, in its 代申报 mode (photos go to my own folder, the claim records me as the proxy).
 * A resident without a phone who is not registered yet is registered here, in their household (org.addResident), and
 * chosen at once. A resident with a points card (积分卡) is chosen by scanning it.
 */
export default function ProxyClaimPage() {
  const { state, reload } = useApi(() => Promise.all([api.org.tree({}, quietUnknown), api.rules.list({}, quietUnknown)]))
  const [chosen, setChosen] = useState<ResidentChoice | null>(null)
  const [adding, setAdding] = useState<{ id: string; name: string; courtyardName: string; requestId: string } | null>(null)
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  const register = async () => {
    if (!adding || sending) return
    const parsed = addResidentInput.shape.name.safeParse(name)
    if (!parsed.success) return setNameError(parsed.error.issues[0]?.message ?? '请填写真实姓名')
    setSending(true)
    try {
      // One requestId per sheet: a retry after a lost answer registers the person once.
      const { resident } = await api.org.addResident({ householdId: adding.id, name: parsed.data, requestId: adding.requestId })
      void Taro.showToast({ title: '已登记', icon: 'success' })
      setChosen({ id: resident.id, name: resident.name, hasPhone: false, householdName: adding.name, courtyardName: adding.courtyardName })
      setAdding(null)
      reload()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'INPUT.INVALID') setNameError(e.message)
    } finally {
      setSending(false)
    }
  }
  const startAdding = (h: { id: string; name: string; courtyardName: string }) => {
    setName('')
    setNameError(null)
    setAdding({ ...h, requestId: newRequestId('resident') })
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有院长和网格员可以代申报' description='请让居民自己申报。' testId='proxy-forbidden' /> }}
    >
      {([{ root }, { categories }]) => {
        const residents = residentsOf(root)
        // 登记没有手机的居民, under the list (or the empty state): pick the household, write the name.
        const registering = (
          <>
            <View className='sz-card sz-proxy__register' data-testid='proxy-register'>
              <Text className='sz-proxy__register-title'>登记没有手机的居民</Text>
              <Text className='sz-proxy__register-hint'>名单里没有的老人、孩子，选他家，写上真实姓名，就能替他申报。</Text>
              {householdsOf(root).map((h) => (
                <View key={h.id} className='sz-sheet__option' data-testid={`proxy-register-${h.id}`} onClick={() => startAdding(h)}>
                  {h.name}（{h.courtyardName}）
                </View>
              ))}
            </View>
            {adding ? (
              <Sheet
                testId='proxy-register-sheet'
                title={`给「${adding.name}」登记没有手机的居民`}
                confirmText='登记'
                sending={sending}
                onCancel={() => setAdding(null)}
                onConfirm={() => void register()}
              >
                <Field label='姓名' error={nameError ?? undefined} hint='写身份证上的名字，2–20 个字'>
                  <TextInput testId='proxy-register-name' value={name} maxlength={20} placeholder='真实姓名' onInput={(v) => (setName(v), setNameError(null))} />
                </Field>
              </Sheet>
            ) : null}
          </>
        )
        if (chosen) {
          return (
            <View className='sz-page sz-proxy'>
              <ChosenResident label='为这位居民申报' resident={chosen} onChange={() => setChosen(null)} testId='proxy' />
              <Text className='sz-proxy__intro'>选一项申报：</Text>
              <RuleCatalogue
                categories={visibleCategories(categories)}
                onSelect={(item: RuleItem) => open(ROUTES.claimForm(item.id, { id: chosen.id, name: chosen.name }))}
              />
            </View>
          )
        }
        if (residents.length === 0) {
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='还没有居民' description='您负责的院落里还没有登记居民。' testId='proxy-empty' />
            {registering}
            </View>
          )
        }
        return (
          <View className='sz-page sz-proxy'>
            <Text className='sz-proxy__intro'>替哪位居民申报？没有手机的居民排在前面；有积分卡的，扫他的卡最快。</Text>
            <ByCard residents={residents} onPick={setChosen} scanLabel='扫居民的积分卡' testId='proxy-card' />
            <ResidentList residents={residents} onPick={setChosen} testId='proxy' />
            {registering}
          </View>
        )
      }}
    </Loaded>
  )
}
