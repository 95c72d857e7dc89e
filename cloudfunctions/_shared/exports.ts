/**
 * Excel exports: a workbook saved to storage under exports/<openid of whoever asked>/, answered as a link good for an
 * hour (h5) and as its fileID, which the mini-program downloads with `Taro.cloud.downloadFile` (no download domain to
 * whitelist). The folder is the asker's so that the storage rule can let exactly that person read it.
 */
import ExcelJS from 'exceljs'
import { randomBytes } from 'node:crypto'
import { DomainError } from '../../src/core/errors'
import { cloudApp } from './cloud'

export async function saveExport(book: ExcelJS.Workbook, communityId: string, slug: string, fileName: string, owner: string): Promise<{ fileID: string; url: string; fileName: string }> {
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  const app = cloudApp()
  const cloudPath = `exports/${owner}/${communityId}-${slug}-${randomBytes(6).toString('hex')}.xlsx`
  const { fileID } = await app.uploadFile({ cloudPath, fileContent: buffer })
  const links = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })
  const url = (links.fileList as { tempFileURL?: string }[])[0]?.tempFileURL
  if (!fileID || !url) throw new DomainError('NOT_FOUND', '导出的文件没有保存成功，请再试一次')
  return { fileID, url, fileName }
}

/** A workbook of 善治积分, and a sheet of it with these columns and a bold header row. */
export function workbook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook()
  book.creator = '善治积分'
  return book
}

export function sheetOf(book: ExcelJS.Workbook, name: string, columns: Record<string, readonly [header: string, width: number]>): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name)
  sheet.columns = Object.entries(columns).map(([key, [header, width]]) => ({ header, key, width }))
  sheet.getRow(1).font = { bold: true }
  return sheet
}
