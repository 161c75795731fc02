/**
 * Blank application forms for the demonstration catalog, generated on first download: a
 * printable A4 sheet with the applicant's details, the request, signatures and the opinions of
 * the village/town and the deciding body — the layout grassroots forms share.
 */
import { loadExcelJs } from '../../platform/heavy-libs.js';

export interface BlankFormSpec {
  title: string;
  itemName: string;
  /** "sample": a filled-in example (示例样表) instead of a blank form */
  variant: 'blank' | 'sample';
}

const SAMPLE = {
  name: '张秀英', id: '370883195603124223', phone: '13800000001', address: '邹城市钢山街道孟庄社区', reason: '（示例）家庭人均收入低于当地最低生活保障标准，申请享受相关待遇。',
};

export async function buildBlankForm(spec: BlankFormSpec): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '便民';
  const ws = wb.addWorksheet('表格', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  ws.columns = [{ width: 16 }, { width: 22 }, { width: 16 }, { width: 22 }];
  const border = { top: { style: 'thin' as const }, left: { style: 'thin' as const }, bottom: { style: 'thin' as const }, right: { style: 'thin' as const } };
  const sample = spec.variant === 'sample';
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = sample ? `${spec.title}（示例样表）` : spec.title;
  ws.getCell('A1').font = { size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:D2');
  ws.getCell('A2').value = `办理事项：${spec.itemName}`;
  const rows: [string, string, string, string][] = [
    ['申请人姓名', sample ? SAMPLE.name : '', '公民身份号码', sample ? SAMPLE.id : ''],
    ['联系电话', sample ? SAMPLE.phone : '', '申请日期', sample ? '2026年11月27日' : '　　年　　月　　日'],
    ['家庭住址', sample ? SAMPLE.address : '', '', ''],
    ['申请事由', sample ? SAMPLE.reason : '', '', ''],
    ['申请人承诺', '本人承诺所填信息及提交材料真实、完整、有效，如有虚假，愿承担相应法律责任。', '', ''],
    ['申请人签字', sample ? '张秀英（手写签名）' : '', '代办人签字', ''],
    ['村（社区）意见', '', '', ''],
    ['镇（街道）审核意见', '', '', ''],
    ['主管部门意见', '', '', ''],
  ];
  rows.forEach((r, i) => {
    const n = i + 3;
    ws.getRow(n).values = r;
    ws.getRow(n).height = i >= 3 ? 48 : 24;
    if (!r[2]) ws.mergeCells(`B${n}:D${n}`);
    for (const col of ['A', 'B', 'C', 'D']) {
      const cell = ws.getCell(`${col}${n}`);
      cell.border = border;
      cell.alignment = { vertical: 'middle', wrapText: true };
    }
  });
  ws.mergeCells(`A${rows.length + 4}:D${rows.length + 4}`);
  ws.getCell(`A${rows.length + 4}`).value = '填表说明：请用黑色签字笔填写；“意见”栏由经办单位填写并加盖公章。本表由便民平台根据事项指南生成，可打印使用。';
  ws.getCell(`A${rows.length + 4}`).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
