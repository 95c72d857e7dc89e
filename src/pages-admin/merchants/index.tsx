import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { problemsByField } from '@core/inputs'
import { saveMerchantInput } from '@core/shop.schema'
import { Button } from '@nutui/nutui-react-taro'
import { api, newRequestId, type ClerkInvite, type Merchant } from '../../api'
import { Field, Loaded, PageState, TextInput, formatDate, quietUnknown, useApi, usePullDownReload } from '../../components'
import { QrCode } from '../../components/QrCode'
import { Sheet } from '../../components/Sheet'
import '../admin.scss'
import './index.scss'

interface Draft {
  id?: string
  name: string
  address: string
  contact: string
}

/**
 * 商居联盟 (工作小组): the community's merchants with their status and clerks; add or change one; 暂停 / 恢复 after a
 * confirmation; 店员邀请码 — a code (large, and as a QR) that makes whoever joins with it a clerk of that merchant.
 */
export default function MerchantsPage() {
  const { state, reload } = useApi(() => api.shop.merchants({}, quietUnknown))
  const [draft, setDraft] = useState<Draft | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [invite, setInvite] = useState<ClerkInvite | null>(null)
  const [inviting, setInviting] = useState<string | null>(null)
  const requestId = useRef(newRequestId('merchant'))

  usePullDownReload(reload)

  const edit = (m?: Merchant) => {
    requestId.current = newRequestId('merchant')
    setProblem(null)
    setDraft(m ? { id: m.id, name: m.name, address: m.address, contact: m.contact } : { name: '', address: '', contact: '' })
  }

  const save = async () => {
    if (!draft) return
    // Checked with shop.saveMerchant's own schema before it goes.
    const parsed = saveMerchantInput.safeParse({
      ...(draft.id ? { id: draft.id } : { requestId: requestId.current }),
      name: draft.name,
      address: draft.address,
      contact: draft.contact,
    })
    if (!parsed.success) {
      const problems = problemsByField(parsed.error.issues, { reword: { '商家名称至少 2 个字': '商家名称至少两个字' } })
      return setProblem(problems.name ?? problems.address ?? problems.contact ?? Object.values(problems)[0])
    }
    setSending(true)
    try {
      await api.shop.saveMerchant(parsed.data)
      setDraft(null)
      void Taro.showToast({ title: draft.id ? '已修改' : '已添加商家', icon: 'none' })
      await reload()
    } catch {
      // the toast said why; the sheet stays open
    } finally {
      setSending(false)
    }
  }

  const toggle = async (m: Merchant) => {
    const suspend = m.status === 'active'
    const { confirm } = await Taro.showModal({
      title: suspend ? `暂停「${m.name}」？` : `恢复「${m.name}」？`,
      content: suspend
        ? '暂停后它的商品从积分超市撤下，店员不能核销；居民已兑换的券保留，可以退回积分。'
        : '恢复后它的商品回到积分超市，店员可以核销。',
      confirmText: suspend ? '暂停' : '恢复',
      cancelText: '取消',
      confirmColor: suspend ? '#b42318' : '#07c160',
    })
    if (!confirm) return
    try {
      await api.shop.setMerchantStatus({ merchantId: m.id, status: suspend ? 'suspended' : 'active' })
      void Taro.showToast({ title: suspend ? '已暂停' : '已恢复', icon: 'none' })
      await reload()
    } catch {
      // the toast said why
    }
  }

  const issueInvite = async (m: Merchant) => {
    setInviting(m.id)
    try {
      const { invite: made } = await api.shop.clerkInvite({ merchantId: m.id })
      setInvite(made)
    } catch {
      // the toast said why
    } finally {
      setInviting(null)
    }
  }

  if (invite) {
    return (
      <View className='sz-page sz-merchants'>
        <View className='sz-card sz-merchants__invite' data-testid='clerk-invite-result'>
          <Text className='sz-merchants__invite-where'>{invite.merchantName} · 店员邀请码</Text>
          <Text className='sz-merchants__invite-code' data-testid='clerk-invite-code'>
            {invite.display}
          </Text>
          <QrCode text={invite.code} testId='clerk-invite-qr' />
          <Text className='sz-merchants__invite-note' data-testid='clerk-invite-expiry'>
            只能用 1 次，{formatDate(invite.expiresAt)}前有效
          </Text>
          <Text className='sz-merchants__invite-note'>
            请店员在小程序里点“输入邀请码加入”，扫这个二维码或输入上面的 8 位码，再填真实姓名。加入后首页就有“扫码核销”。
          </Text>
        </View>
        <View className='sz-actions'>
          <Button className='sz-button' size='large' block data-testid='clerk-invite-done' onClick={() => setInvite(null)}>
            回到商家列表
          </Button>
        </View>
      </View>
    )
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以管理商家' testId='merchants-forbidden' /> }}
    >
      {({ items }) => (
        <View className='sz-page sz-merchants' data-testid='merchants-page'>
          <Text className='sz-admin__intro'>参加积分兑换的商家。居民在这些店里用积分兑换，店员扫码核销，每月结算。</Text>
          <View className='sz-merchants__add'>
            <Button className='sz-button' type='primary' size='large' block data-testid='merchant-add' onClick={() => edit()}>
              添加商家
            </Button>
          </View>
          {items.length === 0 ? <PageState kind='empty' title='还没有商家' description='点上面的“添加商家”，再给它发店员邀请码。' testId='merchants-empty' /> : null}
          {items.map((m) => (
            <View key={m.id} className={`sz-card sz-merchants__card ${m.status === 'active' ? '' : 'sz-merchants__card--off'}`} data-testid={`merchant-${m.id}`}>
              <View className='sz-merchants__head'>
                <Text className='sz-merchants__name'>{m.name}</Text>
                <Text className={`sz-merchants__status sz-merchants__status--${m.status}`} data-testid={`merchant-status-${m.id}`}>
                  {m.status === 'active' ? '合作中' : '已暂停'}
                </Text>
              </View>
              <Text className='sz-merchants__line'>地址：{m.address || '未填'}</Text>
              <Text className='sz-merchants__line'>联系：{m.contact || '未填'}</Text>
              <Text className='sz-merchants__line' data-testid={`merchant-clerks-${m.id}`}>
                店员：{m.clerks.length ? m.clerks.map((c) => c.name).join('、') : '还没有，发个邀请码给店员'}
              </Text>
              <View className='sz-org__actions'>
                {m.status === 'active' ? (
                  <View className='sz-org__action' data-testid={`merchant-invite-${m.id}`} onClick={() => inviting === null && void issueInvite(m)}>
                    {inviting === m.id ? '正在生成…' : '店员邀请码'}
                  </View>
                ) : null}
                <View className='sz-org__action' data-testid={`merchant-edit-${m.id}`} onClick={() => edit(m)}>
                  修改
                </View>
                <View className={`sz-org__action ${m.status === 'active' ? 'sz-org__action--danger' : ''}`} data-testid={`merchant-toggle-${m.id}`} onClick={() => void toggle(m)}>
                  {m.status === 'active' ? '暂停' : '恢复'}
                </View>
              </View>
            </View>
          ))}
          <View className='sz-bottom-space' />
          {draft ? (
            <Sheet testId='admin-sheet' title={draft.id ? `修改「${draft.name}」` : '添加商家'} sending={sending} onCancel={() => setDraft(null)} onConfirm={() => void save()}>
              <Field bare label='商家名称' error={problem}>
                <TextInput
                  testId='merchant-name'
                  value={draft.name}
                  maxlength={30}
                  placeholder='例如：幸福食堂'
                  onInput={(name) => {
                    setDraft({ ...draft, name })
                    setProblem(null)
                  }}
                />
              </Field>
              <Field bare label='地址' optional='可以不填'>
                <TextInput testId='merchant-address' value={draft.address} maxlength={60} placeholder='例如：莲花新区1排路口' onInput={(address) => setDraft({ ...draft, address })} />
              </Field>
              <Field bare label='联系人和电话' optional='可以不填'>
                <TextInput testId='merchant-contact' value={draft.contact} maxlength={30} placeholder='例如：孙老板 13800000000' onInput={(contact) => setDraft({ ...draft, contact })} />
              </Field>
            </Sheet>
          ) : null}
        </View>
      )}
    </Loaded>
  )
}
