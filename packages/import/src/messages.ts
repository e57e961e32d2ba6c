import { translator } from "@perf/language";

const table = {
  tooLarge: { zh: "文件过大（{size}，上限 {max}），已拒绝", en: "the file is too large ({size}, limit {max}); refused" },
  notZip: { zh: "不是 .xlsx 或 .docx 文件（不是 zip 压缩包），已拒绝", en: "not an .xlsx or .docx file (not a zip archive); refused" },
  oldFormat: { zh: "这是旧版 .xls/.doc 文件；请在 Excel 或 Word 中另存为 .xlsx/.docx 后再导入", en: "this is an old .xls/.doc file; save it as .xlsx/.docx in Excel or Word, then import that" },
  unknownKind: { zh: "zip 中既没有工作簿也没有 Word 文档，已拒绝", en: "the zip holds neither a workbook nor a Word document; refused" },
  bomb: { zh: "解压后过大或条目过多（{detail}），疑似压缩炸弹，已拒绝", en: "too large or too many entries once unzipped ({detail}), likely a zip bomb; refused" },
  tooManyCells: {
    zh: "{name} 过大（{rows} 行，{cells} 个单元格；上限 {maxRows} 行、{maxCols} 列、{maxCells} 个单元格），已拒绝",
    en: "{name} is too large ({rows} rows, {cells} cells; limits {maxRows} rows, {maxCols} columns, {maxCells} cells); refused",
  },
  corrupt: { zh: "文件已损坏或无法解析，已拒绝", en: "the file is damaged or cannot be parsed; refused" },
  noTable: { zh: "没有找到评分表：需要一行表头，含“一级指标/二级指标/三级指标”之一以及“分值/权重”或“得分”", en: "no scoring table found: a header row needs a level column (一级指标/二级指标/三级指标) and 分值/权重 or 得分" },
  unknownHeader: { zh: "{ref}：表头“{text}”无法识别，该列未导入", en: "{ref}: header “{text}” is not recognised; the column was not imported" },
  noName: { zh: "{ref}：该行没有指标名称，未导入", en: "{ref}: the row has no indicator name; not imported" },
  badNumber: { zh: "{ref}：“{text}”不是数值（{name}），未导入", en: "{ref}: “{text}” is not a number ({name}); not imported" },
  weightConflict: { zh: "{ref}：{name} 的分值 {a} 与前面的 {b} 不一致，保留 {b}", en: "{ref}: weight {a} of {name} differs from {b} given before; {b} kept" },
  scoreConflict: { zh: "{ref}：{name} 的得分 {a} 与 {b} 不一致，保留 {b}", en: "{ref}: score {a} of {name} differs from {b}; {b} kept" },
  unmatchedRow: { zh: "{ref}：“{text}”对应不到评分表中的唯一指标，未导入", en: "{ref}: “{text}” matches no single indicator of the scoring table; not imported" },
  groupScore: { zh: "{ref}：合并单元格中的得分 {a} 对应不到单个指标，未导入", en: "{ref}: the merged score {a} spans no single indicator; not imported" },
  noScore: { zh: "{ref}：{name} 没有得分，已加 TODO", en: "{ref}: {name} has no score; a TODO was added" },
  missingWeight: { zh: "{ref}：{name} 没有分值，记为 0", en: "{ref}: {name} has no weight; written as 0" },
  weightSum: { zh: "{name}：下级分值之和 {sum} 与分值 {weight} 不一致", en: "{name}: the children's weights sum to {sum}, not {weight}" },
  summary: {
    zh: "从 {table} 导入 {nodes} 个指标（{leaves} 个末级指标），{declared} 个报告得分；{problems} 处未能导入",
    en: "imported {nodes} indicators ({leaves} leaves) from {table} with {declared} declared scores; {problems} cell(s) not mapped",
  },
} as const;

export type ImportMessageKey = keyof typeof table;
export const importMessage = translator(table);
