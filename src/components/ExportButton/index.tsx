import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ApiError, type ExportLink } from '../../api'
import './index.scss'

export interface ExportButtonProps {
  /** Makes the file on the server (an export action) and answers its link and fileID. */
  make: () => Promise<ExportLink>
  label?: string
  /** `<testId>` on the button, `<testId>-done` on the note, `<testId>-download` on the link. */
  testId: string
  /** A plain (white) button rather than the green one, when it is not what the page is for. */
  plain?: boolean
  /** `action`: a bordered button inside a card's row of buttons (sz-gov-card__action) rather than a full-width one. */
  variant?: 'button' | 'action'
}

/**
 * 导出 Excel: the server makes the workbook and answers its fileID and a link good for an hour. h5 downloads the link
 * (and keeps it on the page for a browser that blocks the download); weapp downloads the fileID from cloud storage
 * (`Taro.cloud.downloadFile`: no download domain to whitelist, unlike the link) and lets WeChat open it (to forward or print).
 */
export function ExportButton({ make, label = '导出 Excel', testId, plain, variant = 'button' }: ExportButtonProps) {
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<ExportLink | null>(null)

  const run = async () => {
    setExporting(true)
    try {
      const file = await make()
      if (process.env.TARO_ENV === 'h5') {
        setExported(file)
        const a = document.createElement('a')
        a.href = file.url
        a.download = file.fileName
        document.body.appendChild(a)
        a.click()
        a.remove()
      } else {
        const { tempFilePath, statusCode } = await Taro.cloud.downloadFile({ fileID: file.fileID })
        if (statusCode !== 200) throw new Error(String(statusCode))
        await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
      }
    } catch (e) {
      // An API refusal has already been toasted; a failed download or open has not.
      if (!(e instanceof ApiError)) void Taro.showToast({ title: '表格没有打开，请再试一次', icon: 'none', duration: 3000 })
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      {variant === 'action' ? (
        <View className={`sz-gov-card__action ${exporting ? 'sz-gov-card__action--off' : ''}`} hoverClass='sz-gov-card__action--hover' data-testid={testId} onClick={() => !exporting && void run()}>
          {exporting ? '正在生成…' : label}
        </View>
      ) : (
        <Button className='sz-button' type={plain ? 'default' : 'primary'} size='large' block loading={exporting} disabled={exporting} data-testid={testId} onClick={() => void run()}>
          {label}
        </Button>
      )}
      {process.env.TARO_ENV === 'h5' && exported ? (
        <View className='sz-alert sz-alert--success sz-export__done' data-testid={`${testId}-done`}>
          <Text className='sz-alert__title'>表格已生成</Text>
          <Text className='sz-alert__line'>没有自动下载的话，点下面的链接（一小时内有效）。</Text>
          <a className='sz-export__download' href={exported.url} download={exported.fileName} data-testid={`${testId}-download`}>
            下载 {exported.fileName}
          </a>
        </View>
      ) : null}
    </>
  )
}

export default ExportButton
