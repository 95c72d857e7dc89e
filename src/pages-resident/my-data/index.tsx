import { GLOSSARY } from '@core/glossary'
import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ROLE_NAMES } from '@core/user'
import { api, newRequestId, type MyData } from '../../api'
import { Fact, Loaded, formatDateTime, quietUnknown, useApi, usePullDownReload } from '../../components'
import { ExportButton } from '../../components/ExportButton'
import { PrivacyDetails, PrivacySummary } from '../../components/PrivacySheet'
import { Sheet } from '../../components/Sheet'
import { openPrivacyGuide } from '../../privacy'
import './index.scss'

/**
 * 我的数据与隐私 (any member): what the community holds about me, in large type; 导出我的数据 (Excel); the privacy
 * guideline; and 申请注销, with a sheet that says plainly what is deleted and what is kept.
 */
export default function MyDataPage() {
  const { state, reload } = useApi(() => api.user.myData({}, quietUnknown))
  usePullDownReload(reload)
  return (
    <Loaded state={state} reload={reload}>
      {(data) => <MyDataView data={data} reload={reload} />}
    </Loaded>
  )
}

function MyDataView({ data, reload }: { data: MyData; reload: () => Promise<void> }) {
  const { account, resident, counts, deletion } = data
  const [guide, setGuide] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [sending, setSending] = useState(false)
  // One per visit to this page: a retried tap files the same request (the server keeps one per membership anyway).
  const requestId = useRef(newRequestId('del'))

  const request = async () => {
    setSending(true)
    try {
      await api.user.requestDeletion({ requestId: requestId.current })
      setConfirming(false)
      void Taro.showToast({ title: '已提交申请', icon: 'success' })
      await reload()
    } catch {
      // The refusal has been toasted; the sheet stays for another try.
    } finally {
      setSending(false)
    }
  }

  const roles = account.roles.map((r) => `${ROLE_NAMES[r.role]}${r.nodeName ? `（${r.nodeName}）` : ''}`)
  return (
    <View className='sz-page sz-my-data' data-testid='my-data-page'>
      <Text className='sz-section-title'>我们保存的您的信息</Text>
      <View className='sz-card' data-testid='my-data-held'>
        <Fact label='姓名' value={account.name} testId='my-data-name' />
        <Fact label='社区' value={account.communityName ?? '—'} />
        {resident ? (
          <>
            <Fact label='院落' value={resident.courtyardName ?? '—'} />
            <Fact label='家庭' value={resident.householdName ?? '—'} testId='my-data-household' />
            <Fact label='出生年份' value={resident.birthYear ? `${resident.birthYear} 年` : '没有登记'} testId='my-data-birth-year' />
            <Fact label='党员' value={resident.partyMember ? `是${resident.partyUnit ? `（${resident.partyUnit}）` : ''}` : '否'} />
          </>
        ) : null}
        <Fact label='职责' value={roles.length ? roles.join('、') : '居民'} />
        {account.joinedAt ? <Fact label='加入时间' value={formatDateTime(account.joinedAt)} /> : null}
      </View>

      <Text className='sz-section-title'>您的记录</Text>
      <View className='sz-card' data-testid='my-data-counts'>
        <Fact label='申报' value={`${counts.claims} 条${counts.openClaims ? `（${counts.openClaims} 条在审核）` : ''}`} testId='my-data-claims' />
        <Fact label='积分记录' value={`${counts.ledgerEntries} 条`} testId='my-data-ledger' />
        <Fact label='兑换券' value={`${counts.vouchers} 张${counts.issuedVouchers ? `（${counts.issuedVouchers} 张没用）` : ''}`} />
        <Fact label='异议' value={`${counts.objections} 条`} />
        <Fact label='活动报名' value={`${counts.activities} 次`} testId='my-data-activities' />
        <Fact label='学过的课' value={`${counts.lessons} 课`} testId='my-data-lessons' />
      </View>
      <View className='sz-actions sz-my-data__export'>
        <ExportButton make={() => api.user.exportMine()} label='导出我的数据（Excel）' testId='my-data-export' />
        <Text className='sz-my-data__hint'>表格里有上面所有的信息和每一条记录。</Text>
      </View>

      <Text className='sz-section-title'>隐私保护指引</Text>
      <View className='sz-card' data-testid='my-data-privacy'>
        {guide ? (
          <>
            <PrivacySummary />
            <PrivacyDetails />
          </>
        ) : (
          <View className='sz-privacy__open' hoverClass='sz-privacy__open--hover' data-testid='my-data-guide' onClick={() => openPrivacyGuide() || setGuide(true)}>
            查看隐私保护指引
          </View>
        )}
      </View>

      <Text className='sz-section-title'>注销</Text>
      {deletion ? (
        <View className='sz-alert sz-alert--warning' data-testid='my-data-deletion-pending'>
          <Text className='sz-alert__title'>您已申请注销</Text>
          <Text className='sz-alert__line'>{formatDateTime(deletion.requestedAt)} 提出。社区工作人员办理后，这个微信就不能再用善治积分了。</Text>
        </View>
      ) : (
        <View className='sz-actions sz-my-data__delete'>
          <Button className='sz-button' type='danger' fill='outline' size='large' block data-testid='my-data-delete' onClick={() => setConfirming(true)}>
            申请注销
          </Button>
        </View>
      )}
      <View className='sz-bottom-space' />

      {confirming ? (
        <Sheet
          title='确认申请注销？'
          subtitle='由社区工作人员办理，办理前您仍可以正常使用'
          confirmText='确认申请注销'
          confirmType='danger'
          cancelText='再想想'
          sending={sending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void request()}
          testId='my-data-delete-sheet'
          confirmTestId='my-data-delete-confirm'
          cancelTestId='my-data-delete-cancel'
        >
          <View className='sz-sheet__body'>
            <Text className='sz-sheet__line'>会删除：这个微信与账号的关联，出生年份、党员信息，您申报和异议里写的地点、说明、理由和照片。</Text>
            <Text className='sz-sheet__line'>会改名：各处的姓名改为“已注销居民”。</Text>
            <Text className='sz-sheet__line'>
              会保留：每一条积分记录（不再有您的名字）。每月公示的{GLOSSARY.verifyCode}包含这些记录，删掉会让全社区的账对不上。工作人员的办事记录也保留。
            </Text>
            {counts.issuedVouchers ? <Text className='sz-sheet__line'>您还有 {counts.issuedVouchers} 张兑换券没用，办理时会退回。</Text> : null}
            {counts.openClaims ? <Text className='sz-sheet__line'>您还有 {counts.openClaims} 条申报在审核，办理时会撤回。</Text> : null}
            <Text className='sz-sheet__line'>注销后，账户里剩下的积分不能再用。</Text>
          </View>
        </Sheet>
      ) : null}
    </View>
  )
}
